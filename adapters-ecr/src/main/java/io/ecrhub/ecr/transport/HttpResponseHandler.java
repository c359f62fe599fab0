package io.ecrhub.ecr.transport;

import io.netty.buffer.ByteBufUtil;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.http.FullHttpResponse;
import io.netty.handler.codec.http.HttpUtil;
import io.netty.util.ReferenceCountUtil;

/**
 * Takes the aggregated HTTP response for the awaited request, whatever its status (QFPay terminals
 * answer in the body; Odoo ignores the status). A response the decoder marked incomplete (the peer
 * closed mid-body) is Lost, not an answer. A response nobody awaits closes the connection.
 */
final class HttpResponseHandler extends AwaitingHandler {

  HttpResponseHandler(InboundMarker marker) {
    super(marker);
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    try {
      if (!(msg instanceof FullHttpResponse r) || !awaiting()) {
        ctx.close();
        return;
      }
      if (r.decoderResult().isFailure()) {
        lose("incomplete response (" + summary(r.decoderResult().cause()) + ")");
        return;
      }
      answer(
          new ExchangeResult.Answer(
              r.status().code(), ByteBufUtil.getBytes(r.content()), HttpUtil.isKeepAlive(r)));
    } finally {
      ReferenceCountUtil.release(msg);
    }
  }
}

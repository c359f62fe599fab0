package io.ecrhub.ecr.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import java.io.ByteArrayOutputStream;

/**
 * Raw TCP answer framing: the answer is every byte up to the peer's orderly close (end of stream),
 * bounded by {@code maxBytes}. A reset is an error (Lost), an orderly close with no byte is Lost
 * too (nothing to classify). Stateful, one per channel.
 */
final class EofCollector extends AwaitingHandler {
  private final int maxBytes;
  private ByteArrayOutputStream received = new ByteArrayOutputStream();

  EofCollector(InboundMarker marker, int maxBytes) {
    super(marker);
    this.maxBytes = maxBytes;
  }

  @Override
  void onExpect() {
    received = new ByteArrayOutputStream();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf buf = (ByteBuf) msg;
    try {
      if (!awaiting()) {
        ctx.close();
        return;
      }
      if (received.size() + buf.readableBytes() > maxBytes) {
        answer(new ExchangeResult.Oversize("response exceeds " + maxBytes + " bytes"));
        ctx.close();
        return;
      }
      buf.readBytes(received, buf.readableBytes());
    } catch (java.io.IOException e) {
      lose("cannot buffer the response");
    } finally {
      buf.release();
    }
  }

  @Override
  void onClosedWhileAwaiting() {
    if (received.size() == 0) {
      lose("connection closed without an answer");
    } else {
      answer(new ExchangeResult.Answer(-1, received.toByteArray(), false));
    }
  }
}

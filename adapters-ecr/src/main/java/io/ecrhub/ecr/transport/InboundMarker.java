package io.ecrhub.ecr.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;

/**
 * Notes whether any application byte arrived since the last {@link #reset()}. Sits after TLS, so
 * handshake and close_notify records do not count. Stateful, one per channel.
 */
final class InboundMarker extends ChannelInboundHandlerAdapter {
  private volatile boolean seen;

  void reset() {
    seen = false;
  }

  boolean seen() {
    return seen;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (msg instanceof ByteBuf b && b.isReadable()) {
      seen = true;
    }
    ctx.fireChannelRead(msg);
  }
}

package io.ecrhub.simulator;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.serial.UsbFraming;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelPipeline;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the raw TCP port (9002) on one connection. QFPay documents no framing (protocol doc §2.2),
 * so this accepts what the hub's candidate framings send: the request body (bare Base64, the
 * JSON-quoted Base64, or with encryption off the JSON wrapper) ended either by the client
 * half-closing its output or by a newline. The answer is the response envelope, then the connection
 * closes. Example: client writes {@code XczeNu...Ig=}, shuts its output down, reads {@code
 * {"respcd":"6000",...}} until EOF. More than {@link EcrCodec#MAX_BODY_BYTES} bytes without an end
 * closes the connection. A connection whose first bytes are a USB frame's start ({@code 2F 6E 01},
 * which no Base64 or JSON body begins with) is handed to {@link UsbTcpTerminalHandler} instead.
 * Stateful, not shared.
 */
final class TcpTerminalHandler extends ChannelInboundHandlerAdapter {
  private static final System.Logger LOG = System.getLogger(TcpTerminalHandler.class.getName());

  private final TerminalEngine engine;
  private final AtomicInteger usbResultsAcknowledged;
  private ByteBuf buffer;
  private boolean started;

  /**
   * @param usbResultsAcknowledged counts results the hub acknowledged on USB-framed connections
   */
  TcpTerminalHandler(TerminalEngine engine, AtomicInteger usbResultsAcknowledged) {
    this.engine = engine;
    this.usbResultsAcknowledged = usbResultsAcknowledged;
  }

  @Override
  public void handlerAdded(ChannelHandlerContext ctx) {
    buffer = ctx.alloc().buffer(1024);
  }

  @Override
  public void handlerRemoved(ChannelHandlerContext ctx) {
    buffer.release();
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    ByteBuf in = (ByteBuf) msg;
    try {
      if (started) {
        return; // one request per connection; anything after it is ignored
      }
      buffer.writeBytes(in);
    } finally {
      in.release();
    }
    if (UsbFraming.startsFrame(buffer)) {
      switchToUsbFrames(ctx);
      return;
    }
    int newline = buffer.indexOf(buffer.readerIndex(), buffer.writerIndex(), (byte) '\n');
    if (newline >= 0) {
      String body = buffer.toString(buffer.readerIndex(), newline, StandardCharsets.UTF_8);
      start(ctx, body);
    } else if (buffer.readableBytes() > EcrCodec.MAX_BODY_BYTES) {
      ctx.close();
    }
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      if (!started) {
        if (buffer.isReadable()) {
          start(ctx, buffer.toString(StandardCharsets.UTF_8));
        } else {
          ctx.close();
        }
      }
    } else if (evt instanceof IdleStateEvent) {
      if (!started) {
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  /**
   * Replaces this handler with the USB frame decoders and {@link UsbTcpTerminalHandler}, then
   * replays the bytes read so far through them.
   */
  private void switchToUsbFrames(ChannelHandlerContext ctx) {
    started = true;
    ChannelPipeline p = ctx.pipeline();
    ChannelHandler[] usb = UsbFraming.inboundHandlers(EcrCodec.MAX_BODY_BYTES);
    for (int i = 0; i < usb.length; i++) {
      p.addLast("usb-" + i, usb[i]);
    }
    p.addLast("usb-terminal", new UsbTcpTerminalHandler(engine, usbResultsAcknowledged));
    ByteBuf received = buffer.readRetainedSlice(buffer.readableBytes());
    p.remove(this);
    p.fireChannelRead(received);
  }

  private void start(ChannelHandlerContext ctx, String body) {
    started = true;
    String trimmed = body.strip();
    engine
        .handle("tcp", null, trimmed, ctx.executor())
        .whenComplete(
            (reply, err) -> {
              if (reply instanceof TerminalEngine.Reply.Answer a) {
                ctx.writeAndFlush(Unpooled.copiedBuffer(a.body(), StandardCharsets.UTF_8))
                    .addListener(ChannelFutureListener.CLOSE);
              } else {
                ctx.close();
              }
            });
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "closing {0} connection from {1}: {2}",
        "tcp",
        ctx.channel().remoteAddress(),
        cause.getClass().getSimpleName());
    ctx.close();
  }
}

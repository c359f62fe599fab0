package io.ecrhub.simulator;

import io.ecrhub.ecr.serial.UsbFraming;
import io.ecrhub.ecr.serial.UsbFraming.Inbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.ChannelInputShutdownEvent;
import io.netty.handler.timeout.IdleStateEvent;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves one request on the raw TCP port in the USB link framing (protocol doc §2.3), the hub's
 * {@code USB_FRAME} candidate; {@link TcpTerminalHandler} hands over when a connection starts with
 * {@code 2F 6E 01}. It behaves as the POS end of the serial link does: a request message (fragments
 * joined) is acknowledged with {@code 0x20} and its reference ({@code 0x34} if its data is empty,
 * {@code 0x35} if fragments cannot be joined), its data goes to the terminal, and the answer goes
 * back as a {@code 0x10} message with the terminal's own reference, split into 1024-byte fragments.
 * The connection closes when the hub acknowledges the result (counted in {@code acknowledged}),
 * refuses it, or goes away; a dropped request (a fault) closes it after the acknowledgement. The
 * link's 1000 ms acknowledgement timer is not run: the hub closes the connection itself, and the
 * idle handler ends a connection left open. Event-loop confined; stateful, one per connection.
 */
final class UsbTcpTerminalHandler extends ChannelInboundHandlerAdapter {
  /** The transport name the terminal records in its exchanges. */
  static final String TRANSPORT = "tcp-usb";

  private static final System.Logger LOG = System.getLogger(UsbTcpTerminalHandler.class.getName());

  private final TerminalEngine engine;
  private final AtomicInteger acknowledged;
  private boolean started;
  private int resultReference = -1;

  UsbTcpTerminalHandler(TerminalEngine engine, AtomicInteger acknowledged) {
    this.engine = engine;
    this.acknowledged = acknowledged;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Inbound in)) {
      ctx.fireChannelRead(msg);
      return;
    }
    switch (in) {
      case Inbound.Data d -> onRequest(ctx, d);
      case Inbound.Ack a when a.reference() == resultReference -> {
        acknowledged.incrementAndGet();
        ctx.close();
      }
      case Inbound.Error e when e.reference() == resultReference -> {
        LOG.log(System.Logger.Level.WARNING, "the hub refused the result with {0}", e.name());
        ctx.close();
      }
      case Inbound.Unjoinable u -> write(ctx, UsbFraming.error(0x35, u.reference()));
      default -> {} // a signal for nothing this connection sent
    }
  }

  private void onRequest(ChannelHandlerContext ctx, Inbound.Data d) {
    if (started) {
      return; // one request per connection
    }
    byte[] data = d.data();
    if (data.length == 0) {
      write(ctx, UsbFraming.error(0x34, d.reference()));
      return;
    }
    started = true;
    write(ctx, UsbFraming.ack(d.reference()));
    engine
        .handle(TRANSPORT, null, new String(data, StandardCharsets.UTF_8).strip(), ctx.executor())
        .whenComplete((reply, err) -> ctx.executor().execute(() -> answer(ctx, reply)));
  }

  private void answer(ChannelHandlerContext ctx, TerminalEngine.Reply reply) {
    if (!(reply instanceof TerminalEngine.Reply.Answer a)) {
      ctx.close(); // dropped (or failed): acknowledged, never answered
      return;
    }
    resultReference = UsbFraming.nextReference();
    byte[] body = a.body().getBytes(StandardCharsets.UTF_8);
    write(ctx, UsbFraming.message(resultReference, body, UsbFraming.FRAGMENT));
  }

  private static void write(ChannelHandlerContext ctx, byte[] bytes) {
    ctx.writeAndFlush(Unpooled.wrappedBuffer(bytes));
  }

  @Override
  public void userEventTriggered(ChannelHandlerContext ctx, Object evt) {
    if (evt instanceof ChannelInputShutdownEvent) {
      if (!started || resultReference >= 0) {
        ctx.close(); // no request, or the hub can no longer acknowledge the result
      }
    } else if (evt instanceof IdleStateEvent) {
      if (!started || resultReference >= 0) {
        ctx.close();
      }
    } else {
      ctx.fireUserEventTriggered(evt);
    }
  }

  @Override
  public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
    LOG.log(
        System.Logger.Level.DEBUG,
        "closing {0} connection from {1}: {2}",
        TRANSPORT,
        ctx.channel().remoteAddress(),
        cause.getClass().getSimpleName());
    ctx.close();
  }
}

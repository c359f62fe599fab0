package io.ecrhub.ecr.transport;

import io.ecrhub.ecr.serial.UsbFraming;
import io.ecrhub.ecr.serial.UsbFraming.Inbound;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.util.ReferenceCountUtil;

/**
 * The hub's side of one request over raw TCP in the USB link framing (protocol doc §2.3), after the
 * request frames went out with {@link #awaitReference(int) reference} R:
 *
 * <ul>
 *   <li>{@code 0x20} with R: the terminal acknowledged the request (noted; not required: a result
 *       without it is accepted, and only the read timeout bounds the wait);
 *   <li>an error packet ({@code 0x30}–{@code 0x35}) with R as the very first thing received: the
 *       link refused the request, {@link ExchangeResult.Rejected} (NotSent). After anything else it
 *       is not a clean refusal and is ignored, so the wait ends as OutcomeUnknown unless a result
 *       comes;
 *   <li>a {@code 0x10} message (fragments joined) with the terminal's own reference: the result. It
 *       is acknowledged with {@code 0x20} and that reference, the connection closes once the
 *       acknowledgement is written, and the data is the {@link ExchangeResult.Answer};
 *   <li>fragments that cannot be joined: answered {@code 0x35}, and the wait goes on.
 * </ul>
 *
 * Closing without a result, a reset, bad frames and the read timeout are Lost (OutcomeUnknown); a
 * frame over the response bound is Oversize. Event-loop confined; stateful, one per connection.
 */
final class UsbResultCollector extends AwaitingHandler {
  private final InboundMarker marker;
  private int reference = -1;
  private boolean acknowledged;
  private boolean heard;

  UsbResultCollector(InboundMarker marker) {
    super(marker);
    this.marker = marker;
  }

  /** The reference number of the request about to be written; called before {@link #expect}. */
  void awaitReference(int reference) {
    this.reference = reference;
  }

  @Override
  void onExpect() {
    acknowledged = false;
    heard = false;
  }

  @Override
  public void channelRead(ChannelHandlerContext ctx, Object msg) {
    if (!(msg instanceof Inbound in) || !awaiting()) {
      ReferenceCountUtil.release(msg);
      return; // after the result (or before any request): the connection is closing anyway
    }
    boolean first = !heard;
    heard = true;
    switch (in) {
      case Inbound.Ack a -> acknowledged |= a.reference() == reference;
      case Inbound.Error e when first && e.reference() == reference -> {
        answer(
            new ExchangeResult.Rejected(
                "the terminal refused the request frame with "
                    + e.name()
                    + "; it was not processed"));
        ctx.close();
      }
      case Inbound.Error e -> {
        // not a clean refusal (something came first, or another reference): keep waiting
      }
      case Inbound.Unjoinable u ->
          ctx.writeAndFlush(Unpooled.wrappedBuffer(UsbFraming.error(0x35, u.reference())));
      case Inbound.Data d -> {
        answer(new ExchangeResult.Answer(-1, d.data(), false));
        ctx.writeAndFlush(Unpooled.wrappedBuffer(UsbFraming.ack(d.reference())))
            .addListener(ChannelFutureListener.CLOSE);
      }
    }
  }

  @Override
  void onClosedWhileAwaiting() {
    if (acknowledged) {
      lose("connection closed after the terminal acknowledged the request, before its result");
    } else if (!heard && marker.seen()) {
      lose(
          "connection closed; the bytes received were not USB frames (does the terminal use"
              + " another TCP framing?)");
    } else {
      lose("connection closed before a USB result frame");
    }
  }
}

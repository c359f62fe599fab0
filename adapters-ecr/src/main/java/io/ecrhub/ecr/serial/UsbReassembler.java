package io.ecrhub.ecr.serial;

import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * Joins request fragments into whole messages (protocol doc §2.3 "Splitting"): fragments share a
 * reference number and each declares the total data length; the message is complete when the bytes
 * received equal that total. Emits {@link UsbInbound.Message} for complete messages (and for
 * acknowledgement/error packets, which are never split) and {@link UsbInbound.ReassemblyFailed}
 * when the link must answer {@code 0x35}.
 *
 * <p>The 500 ms reassembly window is the longest pause between fragments. At 9600 baud a 1024-byte
 * fragment alone takes about 1.1 s to arrive, so the window is counted from the previous fragment's
 * completion to the <i>start</i> of the next one: the arriving frame's own wire time ({@code
 * wireLength / bytesPerSecond}) is added to the window. Partial data older than that is dropped;
 * its reference is remembered for {@code tombstoneTtl}, and a fragment with that reference arriving
 * in that time gets a {@code ReassemblyFailed} (late fragment). Time comes from the injected clock,
 * so tests need no sleeping. One instance per link (stateful).
 */
final class UsbReassembler extends MessageToMessageDecoder<UsbFrame> {
  private final long windowNanos;
  private final long nanosPerByte;
  private final long tombstoneTtlNanos;
  private final int maxMessageLength;
  private final LongSupplier nanoClock;
  private final Map<Integer, Partial> partials = new HashMap<>();
  private final Map<Integer, Long> tombstones = new HashMap<>();

  /**
   * @param window longest pause between fragments (500 ms per the doc)
   * @param bytesPerSecond line speed used to allow for a fragment's own transfer time (960 at 9600
   *     8N1); 0 for none
   * @param maxMessageLength largest reassembled data accepted
   * @param nanoClock monotonic time in nanoseconds ({@code System::nanoTime} in production)
   */
  UsbReassembler(
      Duration window, int bytesPerSecond, int maxMessageLength, LongSupplier nanoClock) {
    this.windowNanos = window.toNanos();
    this.nanosPerByte = bytesPerSecond <= 0 ? 0 : 1_000_000_000L / bytesPerSecond;
    this.tombstoneTtlNanos = Math.max(10 * windowNanos, Duration.ofSeconds(5).toNanos());
    this.maxMessageLength = maxMessageLength;
    this.nanoClock = nanoClock;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, UsbFrame frame, List<Object> out) {
    if (frame.type() != UsbPacketType.REQUEST) {
      out.add(new UsbInbound.Message(frame.type(), frame.reference(), frame.data()));
      return;
    }
    long now = nanoClock.getAsLong();
    expire(now, windowNanos + nanosPerByte * frame.wireLength());
    int ref = frame.reference();
    if (!frame.isFragment()) {
      tombstones.remove(ref);
      if (partials.remove(ref) != null) {
        tombstones.put(ref, now);
        out.add(new UsbInbound.ReassemblyFailed(ref, "whole packet while fragments were pending"));
        return;
      }
      out.add(new UsbInbound.Message(frame.type(), ref, frame.data()));
      return;
    }
    Partial p = partials.get(ref);
    if (p == null) {
      if (tombstones.containsKey(ref)) {
        out.add(
            new UsbInbound.ReassemblyFailed(ref, "fragment arrived after the reassembly window"));
        return;
      }
      if (frame.totalDataLength() > maxMessageLength) {
        tombstones.put(ref, now);
        out.add(
            new UsbInbound.ReassemblyFailed(
                ref, "declared length " + frame.totalDataLength() + " over " + maxMessageLength));
        return;
      }
      p = new Partial(frame.totalDataLength());
      partials.put(ref, p);
    } else if (p.total != frame.totalDataLength()) {
      fail(ref, now, out, "fragments declare different totals");
      return;
    }
    p.data.writeBytes(frame.data());
    p.lastNanos = now;
    if (p.data.size() > p.total) {
      fail(ref, now, out, "fragments exceed the declared total");
    } else if (p.data.size() == p.total) {
      partials.remove(ref);
      out.add(new UsbInbound.Message(UsbPacketType.REQUEST, ref, p.data.toByteArray()));
    }
  }

  /** Number of references with partial data waiting (for tests and diagnostics). */
  int pending() {
    return partials.size();
  }

  private void fail(int ref, long now, List<Object> out, String why) {
    partials.remove(ref);
    tombstones.put(ref, now);
    out.add(new UsbInbound.ReassemblyFailed(ref, why));
  }

  private void expire(long now, long allowance) {
    for (Iterator<Map.Entry<Integer, Partial>> it = partials.entrySet().iterator();
        it.hasNext(); ) {
      Map.Entry<Integer, Partial> e = it.next();
      if (now - e.getValue().lastNanos > allowance) {
        it.remove();
        tombstones.put(e.getKey(), now);
      }
    }
    tombstones.values().removeIf(t -> now - t > tombstoneTtlNanos);
  }

  private static final class Partial {
    final int total;
    final ByteArrayOutputStream data;
    long lastNanos;

    Partial(int total) {
      this.total = total;
      this.data = new ByteArrayOutputStream(total);
    }
  }
}

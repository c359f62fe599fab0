package io.ecrhub.ecr.serial;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToMessageDecoder;
import java.io.ByteArrayOutputStream;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The USB link framing of protocol doc §2.3, for transports other than a serial port (raw TCP's
 * {@code USB_FRAME} candidate, in the hub and in the simulator). A facade over this package's
 * tested codec: {@link UsbFrameDecoder} (frames delimited by their length fields), {@link
 * UsbReassembler} (fragments joined, 500 ms window), {@link UsbFragmenter} (≤ 1024-byte fragments
 * carrying the total length) and {@link UsbFrameEncoder}. Inbound, a pipeline gets whole {@link
 * Inbound} messages; outbound, callers write the byte arrays built here. Never logs payloads.
 */
public final class UsbFraming {
  /** Recommended largest data segment per frame (doc §2.3); longer data is split. */
  public static final int FRAGMENT = UsbFrame.RECOMMENDED_FRAGMENT;

  /** Largest message: the 2-byte data-length field. */
  public static final int MAX_MESSAGE = UsbFrame.MAX_FRAME_LENGTH;

  /** Reassembly window between fragments (doc §2.3). */
  private static final Duration WINDOW = Duration.ofMillis(500);

  private static final UsbFragmenter.References REFERENCES = new UsbFragmenter.References();

  private UsbFraming() {}

  /** A whole message received on the link. */
  public sealed interface Inbound {
    int reference();

    /** A {@code 0x10} message (fragments joined): business data, in either direction. */
    record Data(int reference, byte[] data) implements Inbound {
      public Data {
        data = data.clone();
      }

      @Override
      public byte[] data() {
        return data.clone();
      }

      @Override
      public boolean equals(Object o) {
        return o instanceof Data d && d.reference == reference && Arrays.equals(d.data, data);
      }

      @Override
      public int hashCode() {
        return 31 * reference + Arrays.hashCode(data);
      }

      /** Never prints the data. */
      @Override
      public String toString() {
        return "Data[ref=" + reference + ", " + data.length + " bytes]";
      }
    }

    /** {@code 0x20}: the packet with this reference passed validation. */
    record Ack(int reference) implements Inbound {}

    /**
     * An error packet ({@code 0x30}–{@code 0x35}) in place of the acknowledgement.
     *
     * @param code the payload-type byte
     * @param name what the doc calls it, e.g. {@code VALIDATION_ERROR(0x32)}
     */
    record Error(int reference, int code, String name) implements Inbound {}

    /** Fragments with this reference could not be joined; the receiver answers {@code 0x35}. */
    record Unjoinable(int reference, String reason) implements Inbound {}
  }

  /**
   * Fresh inbound handlers for one connection, in pipeline order (frame decoder, reassembler,
   * translation to {@link Inbound}); stateful, never shared. Bad frames are fired as {@code
   * CorruptedFrameException}, a frame over the bound as {@code TooLongFrameException}.
   *
   * @param maxMessageBytes largest data accepted in one message (capped at {@link #MAX_MESSAGE})
   */
  public static ChannelHandler[] inboundHandlers(int maxMessageBytes) {
    int max = Math.min(MAX_MESSAGE, Math.max(1, maxMessageBytes));
    return new ChannelHandler[] {
      new UsbFrameDecoder(Math.min(UsbFrame.MAX_FRAME_LENGTH, max + UsbFrame.OVERHEAD)),
      new UsbReassembler(WINDOW, 0, max, System::nanoTime),
      new Translator()
    };
  }

  /**
   * Whether {@code buf}'s readable bytes begin as a frame does: start indicator {@code 2F 6E} and
   * version {@code 01}. Base64 and JSON never contain the byte {@code 01}, so a request body in
   * another framing never matches. Does not move the reader index.
   */
  public static boolean startsFrame(ByteBuf buf) {
    int i = buf.readerIndex();
    return buf.readableBytes() >= 3
        && buf.getUnsignedShort(i) == UsbFrame.MARKER
        && buf.getByte(i + 2) == UsbFrame.VERSION;
  }

  /** The next reference number, {@code 0x01}–{@code 0x7F}, wrapping (thread-safe). */
  public static int nextReference() {
    return REFERENCES.next();
  }

  /**
   * The wire bytes of {@code data} as {@code 0x10} frames with {@code reference}, split into
   * fragments of at most {@code maxFragment} data bytes, each declaring the total length.
   *
   * @throws IllegalArgumentException when {@code data} exceeds {@link #MAX_MESSAGE}
   */
  public static byte[] message(int reference, byte[] data, int maxFragment) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(data.length + UsbFrame.OVERHEAD);
    for (UsbFrame f : UsbFragmenter.split(UsbPacketType.REQUEST, reference, data, maxFragment)) {
      out.writeBytes(UsbFrameEncoder.toBytes(f));
    }
    return out.toByteArray();
  }

  /** An empty {@code 0x20} acknowledgement for {@code reference}. */
  public static byte[] ack(int reference) {
    return UsbFrameEncoder.toBytes(UsbFrame.signal(UsbPacketType.ACK, reference));
  }

  /**
   * An empty error packet for {@code reference}.
   *
   * @param code {@code 0x30}–{@code 0x35}
   */
  public static byte[] error(int code, int reference) {
    UsbPacketType type = UsbPacketType.of(code);
    if (type == null || !type.isError()) {
      throw new IllegalArgumentException(String.format("not an error code: 0x%02X", code));
    }
    return UsbFrameEncoder.toBytes(UsbFrame.signal(type, reference));
  }

  /** {@link UsbInbound} to the public {@link Inbound}. */
  private static final class Translator extends MessageToMessageDecoder<UsbInbound> {
    @Override
    protected void decode(ChannelHandlerContext ctx, UsbInbound in, List<Object> out) {
      out.add(
          switch (in) {
            case UsbInbound.ReassemblyFailed f -> new Inbound.Unjoinable(f.reference(), f.reason());
            case UsbInbound.Message m when m.type() == UsbPacketType.REQUEST ->
                new Inbound.Data(m.reference(), m.data());
            case UsbInbound.Message m when m.type() == UsbPacketType.ACK ->
                new Inbound.Ack(m.reference());
            case UsbInbound.Message m ->
                new Inbound.Error(m.reference(), m.type().code(), m.type().toString());
          });
    }
  }
}

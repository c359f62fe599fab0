package io.ecrhub.ecr.serial;

import java.util.Arrays;
import java.util.Objects;

/**
 * One USB-serial frame (protocol doc §2.3) as it travels on the wire.
 *
 * @param type payload type
 * @param reference reference number {@code 0x00}–{@code 0x7F} (senders use {@code 0x01}–{@code
 *     0x7F})
 * @param totalDataLength the data-length field: the length of the whole (reassembled) data, which
 *     for a fragment is more than this frame carries
 * @param data the data segment carried by this frame
 */
record UsbFrame(UsbPacketType type, int reference, int totalDataLength, byte[] data) {
  /** The start and end indicator, ASCII {@code /n}. */
  static final int MARKER = 0x2F6E;

  static final int VERSION = 0x01;

  /** Framing bytes around the data: start 2, version 1, type 1, reference 1, lengths 4, end 2. */
  static final int OVERHEAD = 11;

  /** Largest total packet length the 2-byte field can hold. */
  static final int MAX_FRAME_LENGTH = 0xFFFF;

  /** Largest data segment in one frame: 65535 − 11. */
  static final int MAX_FRAME_DATA = MAX_FRAME_LENGTH - OVERHEAD;

  /** Recommended largest data segment per frame; longer data is split (doc §2.3). */
  static final int RECOMMENDED_FRAGMENT = 1024;

  UsbFrame {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(data, "data");
    if (reference < 0 || reference > 0x7F) {
      throw new IllegalArgumentException("reference out of 0x00-0x7F: " + reference);
    }
    if (data.length > MAX_FRAME_DATA) {
      throw new IllegalArgumentException("data segment over " + MAX_FRAME_DATA + " bytes");
    }
    if (totalDataLength < data.length || totalDataLength > MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException(
          "total data length " + totalDataLength + " invalid for " + data.length + " data bytes");
    }
    data = data.clone();
  }

  /** A frame carrying all of {@code data}. */
  static UsbFrame whole(UsbPacketType type, int reference, byte[] data) {
    return new UsbFrame(type, reference, data.length, data);
  }

  /** An empty acknowledgement or error packet for {@code reference}. */
  static UsbFrame signal(UsbPacketType type, int reference) {
    return new UsbFrame(type, reference, 0, new byte[0]);
  }

  @Override
  public byte[] data() {
    return data.clone();
  }

  int dataLength() {
    return data.length;
  }

  /** Bytes on the wire, framing included (the total-packet-length field). */
  int wireLength() {
    return data.length + OVERHEAD;
  }

  /** True when this frame carries only part of the data. */
  boolean isFragment() {
    return data.length < totalDataLength;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof UsbFrame f
        && f.type == type
        && f.reference == reference
        && f.totalDataLength == totalDataLength
        && Arrays.equals(f.data, data);
  }

  @Override
  public int hashCode() {
    return Objects.hash(type, reference, totalDataLength, Arrays.hashCode(data));
  }

  /** Never prints the data (it may be plaintext business data). */
  @Override
  public String toString() {
    return "UsbFrame["
        + type
        + ", ref="
        + reference
        + ", "
        + data.length
        + "/"
        + totalDataLength
        + " bytes]";
  }
}

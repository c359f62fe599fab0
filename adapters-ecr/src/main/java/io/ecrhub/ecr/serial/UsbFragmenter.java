package io.ecrhub.ecr.serial;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Splits data into frames of at most {@code maxFragment} data bytes (doc §2.3: ≤ 1024 recommended),
 * every fragment with the same reference number and the <b>total</b> data length in its data-length
 * field.
 */
final class UsbFragmenter {
  private UsbFragmenter() {}

  static List<UsbFrame> split(UsbPacketType type, int reference, byte[] data, int maxFragment) {
    if (maxFragment < 1 || maxFragment > UsbFrame.MAX_FRAME_DATA) {
      throw new IllegalArgumentException("fragment size must be 1.." + UsbFrame.MAX_FRAME_DATA);
    }
    if (data.length > UsbFrame.MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException(
          "data of " + data.length + " bytes exceeds the 65535-byte data-length field");
    }
    List<UsbFrame> frames = new ArrayList<>();
    if (data.length == 0) {
      frames.add(UsbFrame.whole(type, reference, data));
      return frames;
    }
    for (int off = 0; off < data.length; off += maxFragment) {
      byte[] part = Arrays.copyOfRange(data, off, Math.min(data.length, off + maxFragment));
      frames.add(new UsbFrame(type, reference, data.length, part));
    }
    return frames;
  }

  /** Reference numbers 0x01–0x7F, incremented per new packet and wrapping (thread-safe). */
  static final class References {
    private int last;

    References() {
      this(0);
    }

    /** Starts so that the first {@link #next()} returns {@code last + 1} (wrapping). */
    References(int last) {
      this.last = last;
    }

    synchronized int next() {
      last = last >= 0x7F ? 1 : last + 1;
      return last;
    }
  }
}

package io.ecrhub.ecr.serial;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.util.List;

/**
 * Splits a serial byte stream into {@link UsbFrame}s (protocol doc §2.3). All integers are
 * big-endian.
 *
 * <pre>
 * offset  size  field
 *   0      2    start indicator 0x2F 0x6E (ASCII "/n", not a newline)
 *   2      1    protocol version 0x01
 *   3      1    payload type: 0x10 request, 0x20 ack, 0x30-0x35 error
 *   4      1    reference number 0x01-0x7F
 *   5      2    total packet length T: first byte of the start indicator to last byte of the end
 *               indicator, both included (so T = N + 11)
 *   7      2    data length: the whole data's length; in a fragment this is the reassembled total
 *   9      N    data segment (N = T - 11)
 *   9+N    2    end indicator 0x2F 0x6E
 * </pre>
 *
 * <p>Worked example, the doc's 127-byte sample: {@code 2f6e 01 10 01 007f 0074 7b22636f...227d
 * 2f6e}: version 1, request, reference 1, total length 0x007f = 127, data length 0x0074 = 116, data
 * {@code {"content":"{\"amt\":100,...}","digest":"2f0c..."}}, end marker at offsets 125-126.
 *
 * <p>Frames are delimited <b>by the length fields only</b>: Base64 data contains {@code /n} (the
 * doc's own 5001 vector has it at data offset 69), so scanning for the end marker would cut frames
 * short. The end marker is checked only where the total length says it must be. Bytes that do not
 * start with {@code 2F 6E 01} are skipped until such a start appears (resynchronisation). A
 * declared length over {@code maxFrameLength} raises {@link TooLongFrameException}; a frame whose
 * end marker is not at the declared length, whose lengths contradict each other or whose type is
 * unknown raises {@link CorruptedFrameException}. Both are fired down the pipeline (not thrown),
 * and decoding resumes right after the bad start marker, so a following good frame still decodes in
 * the same read. Partial input waits for more bytes.
 */
final class UsbFrameDecoder extends ByteToMessageDecoder {
  private static final byte SLASH = 0x2F;
  private static final byte N = 0x6E;
  private static final int HEADER = 9;

  private final int maxFrameLength;

  UsbFrameDecoder() {
    this(UsbFrame.MAX_FRAME_LENGTH);
  }

  /**
   * @param maxFrameLength largest total packet length accepted, 11 to 65535
   */
  UsbFrameDecoder(int maxFrameLength) {
    if (maxFrameLength < UsbFrame.OVERHEAD || maxFrameLength > UsbFrame.MAX_FRAME_LENGTH) {
      throw new IllegalArgumentException("maxFrameLength must be 11..65535: " + maxFrameLength);
    }
    this.maxFrameLength = maxFrameLength;
  }

  @Override
  protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
    while (true) {
      int start = findStart(in);
      if (start < 0) {
        // keep the last two bytes: they may be the beginning of a start marker
        int keep = Math.min(2, in.readableBytes());
        in.skipBytes(in.readableBytes() - keep);
        return;
      }
      in.readerIndex(start);
      if (in.readableBytes() < HEADER) {
        return;
      }
      int total = in.getUnsignedShort(start + 5);
      int dataLength = in.getUnsignedShort(start + 7);
      if (total < UsbFrame.OVERHEAD || dataLength < total - UsbFrame.OVERHEAD) {
        in.skipBytes(2);
        ctx.fireExceptionCaught(
            new CorruptedFrameException(
                "USB frame header declares total length "
                    + total
                    + " and data length "
                    + dataLength
                    + ", which contradict each other"));
        continue;
      }
      if (total > maxFrameLength) {
        in.skipBytes(2);
        ctx.fireExceptionCaught(
            new TooLongFrameException(
                "USB frame declares " + total + " bytes, over the limit of " + maxFrameLength));
        continue;
      }
      if (in.readableBytes() < total) {
        return;
      }
      if (in.getByte(start + total - 2) != SLASH || in.getByte(start + total - 1) != N) {
        in.skipBytes(2);
        ctx.fireExceptionCaught(
            new CorruptedFrameException(
                "USB frame has no end indicator at its declared length " + total));
        continue;
      }
      int typeByte = in.getUnsignedByte(start + 3);
      int reference = in.getUnsignedByte(start + 4);
      UsbPacketType type = UsbPacketType.of(typeByte);
      if (type == null || reference > 0x7F) {
        in.skipBytes(total);
        ctx.fireExceptionCaught(
            new CorruptedFrameException(
                String.format(
                    "USB frame with unknown type 0x%02X or reference 0x%02X dropped",
                    typeByte, reference)));
        continue;
      }
      byte[] data = new byte[total - UsbFrame.OVERHEAD];
      in.getBytes(start + HEADER, data);
      in.skipBytes(total);
      out.add(new UsbFrame(type, reference, dataLength, data));
    }
  }

  /** Index of the next {@code 2F 6E 01}, or -1. */
  private static int findStart(ByteBuf in) {
    int end = in.writerIndex() - 2;
    for (int i = in.readerIndex(); i < end; i++) {
      if (in.getByte(i) == SLASH
          && in.getByte(i + 1) == N
          && in.getByte(i + 2) == UsbFrame.VERSION) {
        return i;
      }
    }
    return -1;
  }
}

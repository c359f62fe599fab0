package io.ecrhub.ecr.serial;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.MessageToByteEncoder;

/**
 * Writes a {@link UsbFrame} in the layout documented on {@link UsbFrameDecoder}, lengths
 * big-endian. Stateless, hence {@link Sharable}.
 */
@Sharable
final class UsbFrameEncoder extends MessageToByteEncoder<UsbFrame> {

  @Override
  protected void encode(ChannelHandlerContext ctx, UsbFrame frame, ByteBuf out) {
    write(frame, out);
  }

  static void write(UsbFrame frame, ByteBuf out) {
    out.writeShort(UsbFrame.MARKER);
    out.writeByte(UsbFrame.VERSION);
    out.writeByte(frame.type().code());
    out.writeByte(frame.reference());
    out.writeShort(frame.wireLength());
    out.writeShort(frame.totalDataLength());
    out.writeBytes(frame.data());
    out.writeShort(UsbFrame.MARKER);
  }

  /** The wire bytes of {@code frame}. */
  static byte[] toBytes(UsbFrame frame) {
    ByteBuf buf = Unpooled.buffer(frame.wireLength());
    try {
      write(frame, buf);
      byte[] bytes = new byte[buf.readableBytes()];
      buf.readBytes(bytes);
      return bytes;
    } finally {
      buf.release();
    }
  }
}

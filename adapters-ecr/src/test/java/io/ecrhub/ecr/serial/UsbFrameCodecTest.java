package io.ecrhub.ecr.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import io.netty.handler.codec.CorruptedFrameException;
import io.netty.handler.codec.TooLongFrameException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The USB frame decoder and encoder on an EmbeddedChannel. */
class UsbFrameCodecTest {
  /** The doc's §2.3 sample data segment (116 bytes). */
  static final String SAMPLE_DATA =
      "{\"content\":\"{\\\"amt\\\":100,\\\"channel\\\":\\\"wx\\\",\\\"funcType\\\":1,\\\"mode\\\":1}\","
          + "\"digest\":\"2f0c4683e25a7b9407265033070e9034\"}";

  static final String V5_CIPHERTEXT =
      "XczeNuwMCct+IaXZ00lv7H3Q5alZd7lIXI7v3FixqikZe+SY96RBdR77gWNKpF6wtS9LI/nOPYn5xcIZMucdP9755Tbhaqtt"
          + "SWuk2UsNOIg=";

  private EmbeddedChannel ch = new EmbeddedChannel(new UsbFrameDecoder());

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
  }

  static byte[] docSample() {
    byte[] data = SAMPLE_DATA.getBytes(StandardCharsets.UTF_8);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(HexFormat.of().parseHex("2f6e011001007f0074"));
    out.writeBytes(data);
    out.writeBytes(HexFormat.of().parseHex("2f6e"));
    return out.toByteArray();
  }

  static byte[] bytes(UsbFrame f) {
    return UsbFrameEncoder.toBytes(f);
  }

  static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private UsbFrame readFrame() {
    return ch.readInbound();
  }

  @Test
  void docSample127Bytes_decodesToRequestRef1With116DataBytes() {
    byte[] sample = docSample();
    assertThat(sample).hasSize(127);
    assertThat(HexFormat.of().formatHex(sample, 0, 13)).isEqualTo("2f6e011001007f00747b22636f");
    ch.writeInbound(Unpooled.wrappedBuffer(sample));
    UsbFrame f = readFrame();
    assertThat(f.type()).isEqualTo(UsbPacketType.REQUEST);
    assertThat(f.reference()).isEqualTo(1);
    assertThat(f.totalDataLength()).isEqualTo(116);
    assertThat(f.isFragment()).isFalse();
    assertThat(new String(f.data(), StandardCharsets.UTF_8)).isEqualTo(SAMPLE_DATA);
    assertThat(readFrame()).isNull();
  }

  @Test
  void encoder_reproducesTheDocSampleByteForByte() {
    EmbeddedChannel out = new EmbeddedChannel(new UsbFrameEncoder());
    out.writeOutbound(
        UsbFrame.whole(UsbPacketType.REQUEST, 1, SAMPLE_DATA.getBytes(StandardCharsets.UTF_8)));
    ByteBuf buf = out.readOutbound();
    byte[] wire = new byte[buf.readableBytes()];
    buf.readBytes(wire);
    buf.release();
    out.finishAndReleaseAll();
    assertThat(wire).isEqualTo(docSample());
  }

  @Test
  void encoder_writesBigEndianLengthsAsInTheDocsIllustrations() {
    assertThat(HexFormat.of().formatHex(bytes(UsbFrame.signal(UsbPacketType.ACK, 1))))
        .isEqualTo("2f6e012001000b00002f6e");
    byte[] v5 =
        bytes(
            UsbFrame.whole(
                UsbPacketType.REQUEST, 1, V5_CIPHERTEXT.getBytes(StandardCharsets.US_ASCII)));
    assertThat(v5).hasSize(119);
    assertThat(HexFormat.of().formatHex(v5, 0, 9)).isEqualTo("2f6e01100100770" + "06c");
    byte[] big = bytes(new UsbFrame(UsbPacketType.REQUEST, 0x7F, 0x1234, new byte[0x0123]));
    assertThat(HexFormat.of().formatHex(big, 0, 9)).isEqualTo("2f6e01107f012e1234");
  }

  @Test
  void splitReads_byteByByte_decodeOnceComplete() {
    byte[] sample = docSample();
    for (int i = 0; i < sample.length - 1; i++) {
      ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {sample[i]}));
      assertThat(readFrame()).as("no frame after %d bytes", i + 1).isNull();
    }
    ch.writeInbound(Unpooled.wrappedBuffer(new byte[] {sample[sample.length - 1]}));
    assertThat(new String(readFrame().data(), StandardCharsets.UTF_8)).isEqualTo(SAMPLE_DATA);
  }

  @Test
  void dataContainingTheEndMarkerAtManyPositions_isDelimitedByLength() {
    // V5's ciphertext holds "/n" at offset 69; this payload holds it at every even offset too
    byte[] v5 = V5_CIPHERTEXT.getBytes(StandardCharsets.US_ASCII);
    byte[] markers = "/n".repeat(300).getBytes(StandardCharsets.US_ASCII);
    byte[] mixed = "a/n/nb/n/n/n/c/n\u0001/n".getBytes(StandardCharsets.US_ASCII);
    byte[] wire =
        concat(
            bytes(UsbFrame.whole(UsbPacketType.REQUEST, 1, v5)),
            bytes(UsbFrame.whole(UsbPacketType.REQUEST, 2, markers)),
            bytes(UsbFrame.whole(UsbPacketType.REQUEST, 3, mixed)));
    // delivered in awkward chunks: every 7 bytes
    for (int off = 0; off < wire.length; off += 7) {
      ch.writeInbound(Unpooled.wrappedBuffer(wire, off, Math.min(7, wire.length - off)));
    }
    assertThat(readFrame().data()).isEqualTo(v5);
    assertThat(readFrame().data()).isEqualTo(markers);
    UsbFrame third = readFrame();
    assertThat(third.reference()).isEqualTo(3);
    assertThat(third.data()).isEqualTo(mixed);
    assertThat(readFrame()).isNull();
  }

  @Test
  void garbageBeforeAFrame_isSkipped() {
    byte[] garbage = "noise/n/x//n\u0002junk/".getBytes(StandardCharsets.US_ASCII);
    ch.writeInbound(Unpooled.wrappedBuffer(concat(garbage, docSample())));
    UsbFrame f = readFrame();
    assertThat(f.reference()).isEqualTo(1);
    assertThat(f.dataLength()).isEqualTo(116);
  }

  @Test
  void garbageEndingInHalfAMarker_keepsItForTheNextRead() {
    byte[] sample = docSample();
    ch.writeInbound(Unpooled.wrappedBuffer(concat("xxxxxxxx".getBytes(), new byte[] {0x2F})));
    ch.writeInbound(Unpooled.wrappedBuffer(sample, 1, sample.length - 1));
    assertThat(readFrame().dataLength()).isEqualTo(116);
  }

  @Test
  void declaredLengthOverTheCap_raisesTooLongFrame_andTheNextFrameStillDecodes() {
    ch.finishAndReleaseAll();
    ch = new EmbeddedChannel(new UsbFrameDecoder(200));
    byte[] tooLong = bytes(UsbFrame.whole(UsbPacketType.REQUEST, 5, new byte[300]));
    byte[] wire = concat(tooLong, docSample());
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(wire)))
        .isInstanceOf(TooLongFrameException.class)
        .hasMessageContaining("311")
        .hasMessageContaining("200");
    UsbFrame next = readFrame();
    assertThat(next).isNotNull();
    assertThat(next.reference()).isEqualTo(1);
    assertThat(readFrame()).isNull();
  }

  @Test
  void frameAtTheCap_isAccepted() {
    ch.finishAndReleaseAll();
    ch = new EmbeddedChannel(new UsbFrameDecoder(200));
    ch.writeInbound(
        Unpooled.wrappedBuffer(bytes(UsbFrame.whole(UsbPacketType.REQUEST, 5, new byte[189]))));
    assertThat(readFrame().dataLength()).isEqualTo(189);
  }

  @Test
  void largestFrameTheFieldAllows_decodes() {
    byte[] data = new byte[UsbFrame.MAX_FRAME_DATA];
    java.util.Arrays.fill(data, (byte) 'A');
    ch.writeInbound(Unpooled.wrappedBuffer(bytes(UsbFrame.whole(UsbPacketType.REQUEST, 9, data))));
    UsbFrame f = readFrame();
    assertThat(f.wireLength()).isEqualTo(65535);
    assertThat(f.data()).isEqualTo(data);
  }

  @Test
  void missingEndMarkerAtDeclaredLength_isCorrupted_andTheNextFrameStillDecodes() {
    byte[] bad = docSample();
    bad[125] = 'X';
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(concat(bad, docSample()))))
        .isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("end indicator");
    assertThat(readFrame().dataLength()).isEqualTo(116);
    assertThat(readFrame()).isNull();
  }

  @Test
  void contradictoryLengths_areCorrupted_andTheNextFrameStillDecodes() {
    byte[] bad = HexFormat.of().parseHex("2f6e011001000500002f6e"); // total 5 < 11
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(concat(bad, docSample()))))
        .isInstanceOf(CorruptedFrameException.class);
    assertThat(readFrame().dataLength()).isEqualTo(116);
    byte[] shortData = HexFormat.of().parseHex("2f6e011001000e00016161612f6e"); // 3 bytes, says 1
    assertThatThrownBy(
            () -> ch.writeInbound(Unpooled.wrappedBuffer(concat(shortData, docSample()))))
        .isInstanceOf(CorruptedFrameException.class);
    assertThat(readFrame().dataLength()).isEqualTo(116);
  }

  @Test
  void unknownPacketType_isDroppedAsCorrupted() {
    byte[] unknown = HexFormat.of().parseHex("2f6e014001000b00002f6e");
    assertThatThrownBy(() -> ch.writeInbound(Unpooled.wrappedBuffer(concat(unknown, docSample()))))
        .isInstanceOf(CorruptedFrameException.class)
        .hasMessageContaining("0x40");
    assertThat(readFrame().reference()).isEqualTo(1);
  }

  @Test
  void everyErrorTypeDecodes() {
    for (UsbPacketType t : UsbPacketType.values()) {
      ch.writeInbound(Unpooled.wrappedBuffer(bytes(UsbFrame.signal(t, 0x2A))));
      UsbFrame f = readFrame();
      assertThat(f.type()).isEqualTo(t);
      assertThat(f.reference()).isEqualTo(0x2A);
    }
    assertThat(
            List.of(UsbPacketType.values()).stream()
                .filter(UsbPacketType::isError)
                .map(UsbPacketType::code))
        .containsExactly(0x30, 0x31, 0x32, 0x33, 0x34, 0x35);
  }

  @Test
  void frameToString_neverShowsData() {
    UsbFrame f = UsbFrame.whole(UsbPacketType.REQUEST, 1, "secret-ish".getBytes());
    assertThat(f.toString()).doesNotContain("secret").contains("ref=1");
  }
}

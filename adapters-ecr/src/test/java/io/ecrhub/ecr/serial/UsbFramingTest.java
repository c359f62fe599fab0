package io.ecrhub.ecr.serial;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.netty.buffer.Unpooled;
import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The public facade other transports use: wire bytes out, whole messages in. */
class UsbFramingTest {
  private final EmbeddedChannel ch = new EmbeddedChannel(UsbFraming.inboundHandlers(65536));

  @AfterEach
  void tearDown() {
    ch.finishAndReleaseAll();
  }

  private Object feed(byte[] bytes) {
    ch.writeInbound(Unpooled.wrappedBuffer(bytes));
    return ch.readInbound();
  }

  @Test
  void ack_isTheDocsElevenByteEmptyAcknowledgement() {
    assertThat(HexFormat.of().formatHex(UsbFraming.ack(1))).isEqualTo("2f6e012001000b00002f6e");
  }

  @Test
  void message_over1024Bytes_isSplitIntoFragmentsThatArriveAsOneDataMessage() {
    byte[] data = UsbFragmentationTest.payload(2500);

    byte[] wire = UsbFraming.message(9, data, UsbFraming.FRAGMENT);

    assertThat(wire).hasSize(2500 + 3 * 11);
    assertThat(wire[5] << 8 & 0xFF00 | wire[6] & 0xFF).isEqualTo(1024 + 11);
    assertThat(wire[7] << 8 & 0xFF00 | wire[8] & 0xFF).isEqualTo(2500);
    assertThat(feed(wire)).isEqualTo(new UsbFraming.Inbound.Data(9, data));
  }

  @Test
  void signals_arriveAsAckAndError() {
    assertThat(feed(UsbFraming.ack(3))).isEqualTo(new UsbFraming.Inbound.Ack(3));
    assertThat(feed(UsbFraming.error(0x32, 4)))
        .isEqualTo(new UsbFraming.Inbound.Error(4, 0x32, "VALIDATION_ERROR(0x32)"));
    assertThatThrownBy(() -> UsbFraming.error(0x20, 4))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void fragmentsThatContradictEachOther_areUnjoinable() {
    byte[] first = UsbFrameEncoder.toBytes(new UsbFrame(UsbPacketType.REQUEST, 5, 20, new byte[8]));
    byte[] second =
        UsbFrameEncoder.toBytes(new UsbFrame(UsbPacketType.REQUEST, 5, 30, new byte[8]));

    assertThat(feed(first)).isNull();
    assertThat(feed(second)).isInstanceOf(UsbFraming.Inbound.Unjoinable.class);
  }

  @Test
  void startsFrame_recognisesTheStartIndicatorAndVersion_butNotBase64OrJson() {
    assertThat(UsbFraming.startsFrame(Unpooled.wrappedBuffer(UsbFraming.ack(1)))).isTrue();
    assertThat(UsbFraming.startsFrame(Unpooled.copiedBuffer("/nA0xyz", StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(UsbFraming.startsFrame(Unpooled.copiedBuffer("\"abc\"", StandardCharsets.UTF_8)))
        .isFalse();
    assertThat(UsbFraming.startsFrame(Unpooled.wrappedBuffer(new byte[] {0x2F, 0x6E}))).isFalse();
  }
}

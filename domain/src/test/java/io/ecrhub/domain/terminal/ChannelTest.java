package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class ChannelTest {

  @Test
  void fromWire_knowsTheNineProtocolValues() {
    assertThat(Arrays.stream(Channel.values()).map(Channel::wire))
        .containsExactlyInAnyOrder(
            "card_payment",
            "wx",
            "alipay",
            "payme",
            "union",
            "fps",
            "octopus",
            "unionpay_card",
            "amex_card");
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void fromWire_roundTripsEveryChannel(Channel channel) {
    assertThat(Channel.fromWire(channel.wire())).isEqualTo(channel);
    assertThat(Channel.fromWire(" " + channel.wire() + " ")).isEqualTo(channel);
  }

  @ParameterizedTest
  @ValueSource(strings = {"WX", "wechat", "card", ""})
  void fromWire_refusesAnythingElseWithTheChoices(String text) {
    assertThatThrownBy(() -> Channel.fromWire(text))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("card_payment, wx");
    assertThatThrownBy(() -> Channel.fromWire(null)).isInstanceOf(ValidationException.class);
  }

  @Test
  void paytypes_followTheProtocolTable() {
    assertThat(Channel.CARD_PAYMENT.cpmPaytype()).isEqualTo("802808");
    assertThat(Channel.WX.cpmPaytype()).isEqualTo("800208");
    assertThat(Channel.WX.mpmPaytype()).isEqualTo("800201");
    assertThat(Channel.ALIPAY.cpmPaytype()).isEqualTo("800108");
    assertThat(Channel.ALIPAY.mpmPaytype()).isEqualTo("800101");
    assertThat(Channel.PAYME.mpmPaytype()).isEqualTo("805801");
    assertThat(Channel.UNION.cpmPaytype()).isEqualTo("800708");
    assertThat(Channel.FPS.cpmPaytype()).isNull();
    assertThat(Channel.FPS.mpmPaytype()).isEqualTo("802001");
    assertThat(Channel.OCTOPUS.cpmPaytype()).isEqualTo("803708");
    assertThat(Channel.UNIONPAY_CARD.cpmPaytype()).isEqualTo("806708");
    assertThat(Channel.AMEX_CARD.cpmPaytype()).isEqualTo("806808");
  }

  @ParameterizedTest
  @EnumSource(Channel.class)
  void fromPaytype_mapsBothPaytypesBack(Channel channel) {
    if (channel.cpmPaytype() != null) {
      assertThat(Channel.fromPaytype(channel.cpmPaytype())).isEqualTo(channel);
    }
    if (channel.mpmPaytype() != null) {
      assertThat(Channel.fromPaytype(channel.mpmPaytype())).isEqualTo(channel);
    }
  }

  @Test
  void fromPaytype_unknownIsNull() {
    assertThat(Channel.fromPaytype("999999")).isNull();
    assertThat(Channel.fromPaytype(null)).isNull();
  }

  @Test
  void cardSchemes_areTheThreeCardChannels() {
    assertThat(Arrays.stream(Channel.values()).filter(Channel::isCardScheme))
        .containsExactlyInAnyOrder(Channel.CARD_PAYMENT, Channel.UNIONPAY_CARD, Channel.AMEX_CARD);
  }

  @Test
  void onlyOctopus_cannotBeRefunded() {
    assertThat(Arrays.stream(Channel.values()).filter(c -> !c.isRefundable()))
        .containsExactly(Channel.OCTOPUS);
  }
}

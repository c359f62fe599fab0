package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TerminalModelTest {

  @ParameterizedTest
  @EnumSource(Channel.class)
  void paxA920_takesQrChannelsOnly(Channel channel) {
    assertThat(TerminalModel.PAX_A920.supports(channel)).isEqualTo(!channel.isCardScheme());
  }

  @Test
  void paxA920_refusesEveryCardChannel() {
    assertThat(Arrays.stream(Channel.values()).filter(Channel::isCardScheme))
        .containsExactlyInAnyOrder(Channel.CARD_PAYMENT, Channel.UNIONPAY_CARD, Channel.AMEX_CARD)
        .noneMatch(TerminalModel.PAX_A920::supports);
  }

  @ParameterizedTest
  @EnumSource(
      value = TerminalModel.class,
      names = {"LANDI_A8", "LANDI_A8S", "UNKNOWN"})
  void otherModels_takeEveryChannel(TerminalModel model) {
    assertThat(Channel.values()).allMatch(model::supports);
  }

  @Test
  void parse_acceptsLooseSpellings() {
    assertThat(TerminalModel.parse("pax a920")).isEqualTo(TerminalModel.PAX_A920);
    assertThat(TerminalModel.parse("Landi-A8S")).isEqualTo(TerminalModel.LANDI_A8S);
    assertThat(TerminalModel.parse(" ")).isEqualTo(TerminalModel.UNKNOWN);
    assertThat(TerminalModel.parse(null)).isEqualTo(TerminalModel.UNKNOWN);
  }

  @Test
  void parse_unknownModel_isRefusedWithTheChoices() {
    assertThatThrownBy(() -> TerminalModel.parse("verifone"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("PAX_A920");
  }
}

package io.ecrhub.domain.terminal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.NullAndEmptySource;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

  @ParameterizedTest
  @ValueSource(strings = {"EHabc-ORDER_1", "4567", "A", "x-y_z"})
  void outTradeNo_acceptsWhatTheWireCanCarry(String value) {
    assertThat(OutTradeNo.of(value).value()).isEqualTo(value);
  }

  @Test
  void outTradeNo_acceptsUpTo64Characters() {
    assertThat(OutTradeNo.of("a".repeat(64)).value()).hasSize(64);
    assertThatThrownBy(() -> OutTradeNo.of("a".repeat(65))).isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"a'b", "a,b", "a}b", "a=b", "a b", "a--b\n", "caf\u00e9", "a.b"})
  void outTradeNo_refusesWhatTheLenientWireFormatCannotEscape(String value) {
    assertThatThrownBy(() -> OutTradeNo.of(value))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_OUT_TRADE_NO");
  }

  @Test
  void syssn_acceptsQfpayIds() {
    assertThat(Syssn.of("20250826155400087645770447")).hasToString("20250826155400087645770447");
  }

  @ParameterizedTest
  @NullAndEmptySource
  @ValueSource(strings = {"2025 0826", "abc'", "a/b"})
  void syssn_refusesOtherText(String value) {
    assertThatThrownBy(() -> Syssn.of(value))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_SYSSN");
  }

  @Test
  void syssn_refusesMoreThan64Characters() {
    assertThatThrownBy(() -> Syssn.of("1".repeat(65))).isInstanceOf(ValidationException.class);
  }
}

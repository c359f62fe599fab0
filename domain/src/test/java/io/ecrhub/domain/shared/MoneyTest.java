package io.ecrhub.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.util.Currency;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class MoneyTest {

  @Test
  void of_normalisesToTheCurrencyScale() {
    assertThat(Money.of("10.5", "HKD").amount()).isEqualTo(new BigDecimal("10.50"));
    assertThat(Money.of("10", "HKD").toPlainString()).isEqualTo("10.00");
    assertThat(Money.of("10.500", "HKD").toPlainString()).isEqualTo("10.50");
  }

  @Test
  void of_currencyWithoutDecimals_usesScaleZero() {
    assertThat(Money.of("500", "JPY").toPlainString()).isEqualTo("500");
    assertThat(Money.of("1.234", "BHD").toPlainString()).isEqualTo("1.234");
  }

  @Test
  void of_finerThanTheCurrencyScale_isRejectedNotRounded() {
    assertThatThrownBy(() -> Money.of("10.505", "HKD"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("more decimals")
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_AMOUNT");
    assertThatThrownBy(() -> Money.of("1.5", "JPY")).isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"1e3", "1E-2", "10,50", "ten", "", " 10.50", "10.", ".5", "+10", "0x10"})
  void parse_rejectsExponentsAndGarbage(String text) {
    assertThatThrownBy(() -> Money.of(text, "HKD"))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).field())
        .isEqualTo("amount");
  }

  @Test
  void parse_rejectsNull() {
    assertThatThrownBy(() -> Money.of((String) null, "HKD"))
        .isInstanceOf(ValidationException.class);
  }

  @ParameterizedTest
  @ValueSource(strings = {"hkd", "HK", "XYZ", "HKDD"})
  void currency_mustBeAKnownIsoCode(String code) {
    assertThatThrownBy(() -> Money.of("1.00", code))
        .isInstanceOf(ValidationException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_CURRENCY");
  }

  @Test
  void plusAndMinus_mixedCurrencies_areRejected() {
    Money hkd = Money.of("1.00", "HKD");
    Money usd = Money.of("1.00", "USD");

    assertThatThrownBy(() -> hkd.plus(usd))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CURRENCY_MISMATCH");
    assertThatThrownBy(() -> hkd.minus(usd)).isInstanceOf(DomainException.class);
    assertThatThrownBy(() -> hkd.compareTo(usd)).isInstanceOf(DomainException.class);
  }

  @Test
  void minorUnits_isExactCents() {
    assertThat(Money.of("10.50", "HKD").minorUnits()).isEqualTo(1050);
    assertThat(Money.of("0.01", "HKD").minorUnits()).isEqualTo(1);
    assertThat(Money.of("500", "JPY").minorUnits()).isEqualTo(500);
  }

  @Test
  void ofMinor_buildsFromCents() {
    assertThat(Money.ofMinor(1050, "HKD")).isEqualTo(Money.of("10.50", "HKD"));
    assertThat(Money.ofMinor(-1, "HKD").toPlainString()).isEqualTo("-0.01");
  }

  @Test
  void equality_ignoresHowTheAmountWasWritten() {
    assertThat(Money.of("10.5", "HKD")).isEqualTo(Money.of("10.50", "HKD"));
    assertThat(Money.of(new BigDecimal("10.5000"), "HKD")).isEqualTo(Money.of("10.50", "HKD"));
  }

  @Test
  void signsAndComparison() {
    Money ten = Money.of("10.00", "HKD");
    assertThat(ten.isPositive()).isTrue();
    assertThat(Money.zero(Currency.getInstance("HKD")).isZero()).isTrue();
    assertThat(ten.minus(Money.of("10.01", "HKD")).isNegative()).isTrue();
    assertThat(ten.isGreaterThan(Money.of("9.99", "HKD"))).isTrue();
    assertThat(ten.isGreaterThan(ten)).isFalse();
  }

  @Test
  void toString_showsCodeAndPlainAmount() {
    assertThat(Money.of("10.5", "HKD")).hasToString("HKD 10.50");
  }
}

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

  /**
   * Amounts that arrive as {@link BigDecimal} (a JSON number) can be absurd: refused as
   * INVALID_AMOUNT before any work that grows with them (stripTrailingZeros, setScale,
   * toPlainString of 1E-999999999 builds a billion-character string).
   */
  @ParameterizedTest
  @ValueSource(strings = {"1E+999999999", "1E-999999999", "5E+40", "1E-33"})
  void absurdExponents_areRefusedAsInvalidAmount(String amount) {
    assertThatThrownBy(() -> Money.of(new BigDecimal(amount), "HKD"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("out of range")
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("INVALID_AMOUNT");
  }

  @Test
  void tenThousandDigitAmount_isRefusedAsInvalidAmount() {
    assertThatThrownBy(() -> Money.of(new BigDecimal("9".repeat(10_000)), "HKD"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("out of range");
    assertThatThrownBy(() -> Money.of(new BigDecimal("1." + "0".repeat(10_000)), "HKD"))
        .isInstanceOf(ValidationException.class)
        .hasMessageContaining("out of range");
  }

  @Test
  void largestRealAmounts_areStillTaken() {
    assertThat(Money.ofMinor(Long.MAX_VALUE, "JPY").minorUnits()).isEqualTo(Long.MAX_VALUE);
    assertThat(Money.ofMinor(Long.MAX_VALUE, "HKD").minorUnits()).isEqualTo(Long.MAX_VALUE);
    assertThat(Money.of(new BigDecimal("1E+20"), "HKD").toPlainString())
        .isEqualTo("100000000000000000000.00");
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

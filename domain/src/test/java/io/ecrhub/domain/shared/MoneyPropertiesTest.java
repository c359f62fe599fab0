package io.ecrhub.domain.shared;

import static org.assertj.core.api.Assertions.assertThat;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;

class MoneyPropertiesTest {
  private static final long LIMIT = 1_000_000_000_000L;

  @Property
  void plusThenMinus_givesTheOriginalBack(
      @ForAll @LongRange(min = -LIMIT, max = LIMIT) long a,
      @ForAll @LongRange(min = -LIMIT, max = LIMIT) long b) {
    Money x = Money.ofMinor(a, "HKD");
    Money y = Money.ofMinor(b, "HKD");

    assertThat(x.plus(y).minus(y)).isEqualTo(x);
  }

  @Property
  void plus_isCommutativeAndAddsMinorUnitsExactly(
      @ForAll @LongRange(min = -LIMIT, max = LIMIT) long a,
      @ForAll @LongRange(min = -LIMIT, max = LIMIT) long b) {
    Money x = Money.ofMinor(a, "HKD");
    Money y = Money.ofMinor(b, "HKD");

    assertThat(x.plus(y)).isEqualTo(y.plus(x));
    assertThat(x.plus(y).minorUnits()).isEqualTo(a + b);
    assertThat(x.minus(y).minorUnits()).isEqualTo(a - b);
  }

  @Property
  void minorUnits_roundTrip(@ForAll @LongRange(min = -LIMIT, max = LIMIT) long cents) {
    Money m = Money.ofMinor(cents, "HKD");

    assertThat(m.minorUnits()).isEqualTo(cents);
    assertThat(Money.of(m.toPlainString(), "HKD")).isEqualTo(m);
    assertThat(m.amount().scale()).isEqualTo(2);
  }

  @Property
  void minorUnits_roundTripInACurrencyWithoutDecimals(
      @ForAll @LongRange(min = 0, max = LIMIT) long yen) {
    Money m = Money.ofMinor(yen, "JPY");

    assertThat(m.minorUnits()).isEqualTo(yen);
    assertThat(Money.of(m.toPlainString(), "JPY")).isEqualTo(m);
  }
}

package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.Money;

/** Short money literals for tests: {@code TestMoney.hkd("10.50")}. */
public final class TestMoney {
  private TestMoney() {}

  /** Hong Kong dollars from a plain decimal such as {@code "10.50"}. */
  public static Money hkd(String amount) {
    return Money.of(amount, "HKD");
  }

  /** Hong Kong dollars from cents: {@code hkdCents(1050)} is HKD 10.50. */
  public static Money hkdCents(long cents) {
    return Money.ofMinor(cents, "HKD");
  }

  /** HKD 0.00. */
  public static Money zeroHkd() {
    return hkd("0");
  }
}

package io.ecrhub.domain.shared;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Currency;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An exact amount of one currency. Never a {@code double}: the amount is a {@link BigDecimal}
 * normalised to the currency's minor-unit scale (HKD: 2). Finer amounts are rejected, not rounded.
 */
public record Money(Currency currency, BigDecimal amount) implements Comparable<Money> {
  /** Largest scale (either sign) of an amount taken in; far beyond any currency's. */
  static final int MAX_SCALE = 32;

  /** Most significant digits of an amount taken in; far beyond any real amount. */
  static final int MAX_PRECISION = 38;

  public Money {
    Objects.requireNonNull(currency, "currency");
    Objects.requireNonNull(amount, "amount");
    // bounded before any work whose cost grows with the number (stripTrailingZeros, setScale,
    // toPlainString): 1E+999999999 or a 10,000-digit amount is refused at once
    ValidationException.require(
        amount.scale() >= -MAX_SCALE
            && amount.scale() <= MAX_SCALE
            && amount.precision() <= MAX_PRECISION,
        "INVALID_AMOUNT",
        "amount",
        "amount is out of range");
    int digits = Math.max(currency.getDefaultFractionDigits(), 0);
    BigDecimal stripped = amount.stripTrailingZeros();
    ValidationException.require(
        stripped.scale() <= digits,
        "INVALID_AMOUNT",
        "amount",
        "amount "
            + amount.toPlainString()
            + " has more decimals than "
            + currency
            + " allows ("
            + digits
            + ")");
    amount = amount.setScale(digits, RoundingMode.UNNECESSARY);
  }

  /**
   * Parses a decimal string such as {@code "10.50"}; rejects exponents and garbage with a reason.
   */
  public static Money of(String amount, String currencyCode) {
    return new Money(currency(currencyCode), parseAmount(amount));
  }

  public static Money of(BigDecimal amount, String currencyCode) {
    return new Money(currency(currencyCode), amount);
  }

  /** From minor units (cents): {@code ofMinor(1050, "HKD")} is HKD 10.50. */
  public static Money ofMinor(long minorUnits, String currencyCode) {
    Currency c = currency(currencyCode);
    return new Money(c, BigDecimal.valueOf(minorUnits, Math.max(c.getDefaultFractionDigits(), 0)));
  }

  public static Money zero(Currency currency) {
    return new Money(currency, BigDecimal.ZERO);
  }

  private static final Pattern CURRENCY_CODE = Pattern.compile("[A-Z]{3}");
  private static final Pattern PLAIN_DECIMAL = Pattern.compile("-?\\d{1,15}(\\.\\d{1,18})?");

  public static Currency currency(String code) {
    ValidationException.require(
        code != null && CURRENCY_CODE.matcher(code).matches(),
        "INVALID_CURRENCY",
        "currency",
        "currency must be an ISO 4217 code such as HKD");
    try {
      return Currency.getInstance(code);
    } catch (IllegalArgumentException e) {
      throw new ValidationException("INVALID_CURRENCY", "currency", "unknown currency " + code);
    }
  }

  static BigDecimal parseAmount(String amount) {
    ValidationException.require(
        amount != null && PLAIN_DECIMAL.matcher(amount).matches(),
        "INVALID_AMOUNT",
        "amount",
        "amount must be a plain decimal such as 10.50");
    return new BigDecimal(amount);
  }

  public Money plus(Money other) {
    sameCurrency(other);
    return new Money(currency, amount.add(other.amount));
  }

  public Money minus(Money other) {
    sameCurrency(other);
    return new Money(currency, amount.subtract(other.amount));
  }

  public boolean isPositive() {
    return amount.signum() > 0;
  }

  public boolean isZero() {
    return amount.signum() == 0;
  }

  public boolean isNegative() {
    return amount.signum() < 0;
  }

  public boolean isGreaterThan(Money other) {
    return compareTo(other) > 0;
  }

  /** Amount in minor units (cents), exact. */
  public long minorUnits() {
    return amount.movePointRight(Math.max(currency.getDefaultFractionDigits(), 0)).longValueExact();
  }

  /** Plain decimal at the currency scale, e.g. {@code "10.50"}. */
  public String toPlainString() {
    return amount.toPlainString();
  }

  @Override
  public int compareTo(Money other) {
    sameCurrency(other);
    return amount.compareTo(other.amount);
  }

  private void sameCurrency(Money other) {
    if (!currency.equals(other.currency)) {
      throw new DomainException(
          "CURRENCY_MISMATCH", "cannot combine " + currency + " with " + other.currency);
    }
  }

  @Override
  public String toString() {
    return currency.getCurrencyCode() + " " + amount.toPlainString();
  }
}

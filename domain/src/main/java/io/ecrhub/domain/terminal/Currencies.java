package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ValidationException;
import java.util.Currency;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The currencies a terminal's merchant takes: a non-empty set of ISO 4217 codes. The terminal is
 * never told the currency (the ECR trade request has no {@code txcurrcd}): it charges in its
 * merchant's currency, so a payment in any other currency must be refused before it is sent.
 */
public record Currencies(Set<Currency> codes) {
  /** At most this many codes (the stored list stays short). */
  public static final int MAX = 16;

  /** Hong Kong dollars only: the default for a QFPay Hong Kong merchant. */
  public static final Currencies HKD = of("HKD");

  public Currencies {
    ValidationException.require(
        codes != null && !codes.isEmpty() && codes.size() <= MAX,
        "INVALID_CURRENCIES",
        "currencies",
        "currencies must list 1-" + MAX + " ISO 4217 codes");
    codes = Set.copyOf(codes);
  }

  /**
   * From codes such as {@code "HKD"} or {@code "HKD,USD"} (comma- or space-separated, any case).
   */
  public static Currencies of(String list) {
    ValidationException.require(
        list != null && !list.isBlank() && list.length() <= 200,
        "INVALID_CURRENCIES",
        "currencies",
        "currencies must list 1-" + MAX + " ISO 4217 codes, e.g. HKD");
    Set<Currency> out = new TreeSet<>((a, b) -> a.getCurrencyCode().compareTo(b.getCurrencyCode()));
    for (String code : list.trim().split("[,\\s]+")) {
      out.add(currency(code));
    }
    return new Currencies(out);
  }

  /** From a list of codes (as a JSON array arrives). */
  public static Currencies of(java.util.List<String> list) {
    ValidationException.require(
        list != null && !list.isEmpty(),
        "INVALID_CURRENCIES",
        "currencies",
        "currencies must list 1-" + MAX + " ISO 4217 codes, e.g. [\"HKD\"]");
    return of(String.join(",", list));
  }

  private static Currency currency(String code) {
    String c = code == null ? "" : code.trim().toUpperCase(Locale.ROOT);
    ValidationException.require(
        c.matches("[A-Z]{3}"),
        "INVALID_CURRENCIES",
        "currencies",
        "'" + code + "' is not an ISO 4217 currency code");
    try {
      return Currency.getInstance(c);
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "INVALID_CURRENCIES", "currencies", c + " is not an ISO 4217 currency code");
    }
  }

  public boolean accepts(Currency currency) {
    return codes.contains(currency);
  }

  /** The codes, sorted. */
  public java.util.List<String> list() {
    return codes.stream().map(Currency::getCurrencyCode).sorted().toList();
  }

  /** Sorted and comma-separated, e.g. {@code HKD,USD} (as stored). */
  @Override
  public String toString() {
    return String.join(",", list());
  }
}

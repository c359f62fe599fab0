package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Money;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads an amount a terminal reported ({@code txamt}, {@code allow_refund_amt}), whose unit the
 * protocol notes leave open (§4 "Amount units", §12.8): dollars as requests use, or integer cents
 * as notifications and the cloud query use. Both readings are kept; the caller compares with what
 * it expects. Parsing is bounded: text longer than any real amount, with an exponent, a sign or
 * anything but digits and one point, has no reading (a mismatch), decided before any number is
 * built.
 */
final class AnswerAmounts {
  /** Fifteen integer digits, a point and two decimals: more than any real amount. */
  static final int MAX_LENGTH = 18;

  private static final Pattern CENTS = Pattern.compile("\\d{1,15}");
  private static final Pattern DOLLARS = Pattern.compile("\\d{1,15}(\\.\\d{1,2})?");

  private AnswerAmounts() {}

  /** The amounts {@code text} may mean in {@code like}'s currency: cents and/or dollars. */
  static Set<Money> readings(String text, Money like) {
    Set<Money> out = new HashSet<>();
    if (text == null || text.length() > MAX_LENGTH + 2) {
      return out;
    }
    String t = text.trim();
    if (t.length() > MAX_LENGTH) {
      return out;
    }
    String code = like.currency().getCurrencyCode();
    int fraction = Math.max(like.currency().getDefaultFractionDigits(), 0);
    if (CENTS.matcher(t).matches()) {
      out.add(Money.ofMinor(Long.parseLong(t), code));
    }
    int point = t.indexOf('.');
    if (DOLLARS.matcher(t).matches() && (point < 0 || t.length() - point - 1 <= fraction)) {
      out.add(Money.of(t, code));
    }
    return out;
  }

  /** Whether {@code text} reads as {@code expected} in dollars or in cents. */
  static boolean equal(String text, Money expected) {
    return readings(text, expected).contains(expected);
  }
}

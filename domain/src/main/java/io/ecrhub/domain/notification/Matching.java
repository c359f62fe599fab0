package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import java.util.Optional;

/** Helpers shared by the payment and refund rules: tolerant identifiers and amount checks. */
final class Matching {
  private Matching() {}

  static Optional<OutTradeNo> outTradeNo(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(OutTradeNo.of(text.trim()));
    } catch (DomainException e) {
      return Optional.empty();
    }
  }

  static Optional<Syssn> syssn(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.of(Syssn.of(text.trim()));
    } catch (DomainException e) {
      return Optional.empty();
    }
  }

  /**
   * Compares the notification's amount (cents) and currency with what the hub expects.
   *
   * @return a note naming both values, or empty when they agree
   */
  static Optional<String> mismatch(QfpayNotification n, Money expected, String what) {
    Optional<String> currency = currencyMismatch(n, expected, what);
    if (currency.isPresent()) {
      return currency;
    }
    Money inExpectedCurrency = amountIn(n, expected);
    if (!inExpectedCurrency.equals(expected)) {
      return Optional.of(
          "amount mismatch: QFPay notification says "
              + inExpectedCurrency
              + " (txamt "
              + n.amount().minorUnits()
              + " cents), the hub's "
              + what
              + " is "
              + expected);
    }
    return Optional.empty();
  }

  /** Only the currency (and presence of an amount), see {@link #mismatch}. */
  static Optional<String> currencyMismatch(QfpayNotification n, Money expected, String what) {
    Money reported = n.amount();
    if (reported == null) {
      return Optional.of(
          "QFPay notification carries no amount; the hub's " + what + " is " + expected);
    }
    if (n.currencyStated() && !reported.currency().equals(expected.currency())) {
      return Optional.of(
          "currency mismatch: QFPay notification says "
              + reported
              + " (txamt "
              + reported.minorUnits()
              + " cents), the hub's "
              + what
              + " is "
              + expected);
    }
    return Optional.empty();
  }

  /** The notification amount in the given currency (cents taken as that currency's minor units). */
  static Money amountIn(QfpayNotification n, Money like) {
    return Money.ofMinor(n.amount().minorUnits(), like.currency().getCurrencyCode());
  }
}

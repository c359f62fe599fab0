package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * The refund rules of the protocol doc (§4): card schemes refund the full amount, on the same Hong
 * Kong day, before 23:00 HKT (Odoo's cut-off), through the terminal; wallets may refund partially;
 * Octopus cannot be refunded; never more than the refundable amount.
 */
public final class RefundPolicy {
  /** QFPay merchants settle on Hong Kong time. */
  public static final ZoneId HONG_KONG = ZoneId.of("Asia/Hong_Kong");

  /** Card refunds through the terminal stop at 23:00 HKT (Odoo's rule; QFPay 1265 blocks 23:30). */
  public static final LocalTime CARD_CUTOFF = LocalTime.of(23, 0);

  private RefundPolicy() {}

  /**
   * Decides the amount of a refund or refuses it with a stable code and a plain explanation.
   *
   * @param requested the amount asked for, or null for the full refundable amount
   * @param inFlight refunds of this payment not yet final (they count as used)
   */
  public static Money decide(Payment payment, Money requested, Money inFlight, Instant now) {
    return decide(payment, requested, inFlight, now, CARD_CUTOFF);
  }

  /**
   * As {@link #decide(Payment, Money, Money, Instant)} with the merchant's card cut-off.
   *
   * @param cardCutoff Hong Kong time of day from which same-day card refunds are refused, or null
   *     for no cut-off besides the calendar day
   */
  public static Money decide(
      Payment payment, Money requested, Money inFlight, Instant now, LocalTime cardCutoff) {
    Money amount = decideAnyRoute(payment, requested, inFlight);
    terminalRefusal(payment, amount, now, cardCutoff)
        .ifPresent(
            e -> {
              throw e;
            });
    return amount;
  }

  /**
   * The rules every refund obeys whichever way it goes (the terminal or QFPay's cloud): a SUCCEEDED
   * payment of a refundable channel, a positive amount in its currency, no more than is left.
   * Returns the amount (the full refundable one when {@code requested} is null).
   */
  public static Money decideAnyRoute(Payment payment, Money requested, Money inFlight) {
    if (payment.status() != TransactionStatus.SUCCEEDED) {
      throw new DomainException(
          "PAYMENT_NOT_REFUNDABLE",
          "only a SUCCEEDED payment can be refunded; this one is " + payment.status());
    }
    if (!payment.channel().isRefundable()) {
      throw new DomainException(
          "REFUND_NOT_SUPPORTED", payment.channel().displayName() + " payments cannot be refunded");
    }
    Money refundable = payment.refundableAmount().minus(inFlight);
    if (!refundable.isPositive()) {
      throw new DomainException("NOTHING_TO_REFUND", "nothing is left to refund on this payment");
    }
    Money amount = requested == null ? refundable : requested;
    if (!amount.currency().equals(payment.amount().currency())) {
      throw new DomainException(
          "CURRENCY_MISMATCH",
          "currency",
          "refund currency must be " + payment.amount().currency());
    }
    if (!amount.isPositive()) {
      throw new DomainException("INVALID_AMOUNT", "amount", "refund amount must be positive");
    }
    if (amount.isGreaterThan(refundable)) {
      throw new DomainException(
          "REFUND_EXCEEDS_REFUNDABLE",
          "amount",
          "refund " + amount + " exceeds the refundable " + refundable);
    }
    return amount;
  }

  /**
   * What the terminal route alone refuses (card schemes: the same Hong Kong day before the cut-off,
   * the full amount), or empty when the terminal may do this refund. QFPay's cloud has rules of its
   * own and answers them itself (1265, 1270/1271).
   */
  public static Optional<DomainException> terminalRefusal(
      Payment payment, Money amount, Instant now, LocalTime cardCutoff) {
    if (!payment.channel().isCardScheme()) {
      return Optional.empty();
    }
    ZonedDateTime paid = payment.createdAt().atZone(HONG_KONG);
    ZonedDateTime at = now.atZone(HONG_KONG);
    boolean afterCutoff = cardCutoff != null && !at.toLocalTime().isBefore(cardCutoff);
    if (!paid.toLocalDate().equals(at.toLocalDate()) || afterCutoff) {
      return Optional.of(
          new DomainException(
              "CARD_REFUND_NOT_SAME_DAY",
              "card payments can be refunded through the terminal only on the day of payment"
                  + (cardCutoff == null ? "" : " before " + cardCutoff + " Hong Kong time")
                  + "; refund this one through QFPay's cloud (route cloud) or the QFPay"
                  + " merchant portal"));
    }
    if (!amount.equals(payment.amount()) || !payment.refundedAmount().isZero()) {
      return Optional.of(
          new DomainException(
              "CARD_REFUND_MUST_BE_FULL",
              "amount",
              "same-day card refunds must be for the full amount " + payment.amount()));
    }
    return Optional.empty();
  }
}

package io.ecrhub.simulator;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import java.time.Instant;

/**
 * One payment or refund as the simulated terminal (and QFPay behind it) recorded it. Immutable
 * snapshot; the terminal replaces it when the state changes (a card is presented, a refund is
 * made).
 *
 * @param syssn QFPay's id, unique across the simulator
 * @param outTradeNo the merchant reference (for refunds a 32-hex id the "cloud" generated), or null
 * @param amount the amount of this payment or refund
 * @param refunded for payments: the sum of approved refunds; for refunds: zero
 * @param cardScheme VISA / UNIONPAY / AMEX for card channels, null for wallets
 * @param cardNo masked PAN (e.g. {@code 476173******0010}) for card channels, null for wallets
 * @param completedAt when the outcome was reached, or null while waiting for the card
 * @param originalSyssn for refunds: the payment's syssn
 * @param message the decline or cancel message, or null
 */
public record SimTransaction(
    String syssn,
    Kind kind,
    Status status,
    String outTradeNo,
    Money amount,
    Money refunded,
    Channel channel,
    String busicd,
    String cardScheme,
    String cardNo,
    Instant createdAt,
    Instant completedAt,
    String originalSyssn,
    String message) {

  /** Payment (func_type 1001) or refund (1002). */
  public enum Kind {
    PAYMENT,
    REFUND
  }

  /** Where the transaction stands, with the QFPay status code {@code 4001} reports for it. */
  public enum Status {
    /** Waiting for the card / the customer: {@code 1143}. */
    WAITING("1143"),
    APPROVED("0000"),
    /** Declined by the issuer or wallet: {@code 1205} "transaction failed". */
    DECLINED("1205"),
    /** Cancelled by the ECR (5001) or on the terminal: {@code 1142} "order closed". */
    CANCELLED("1142"),
    /** No card within the timeout: {@code 1181} "order expired". */
    TIMED_OUT("1181");

    private final String respcd;

    Status(String respcd) {
      this.respcd = respcd;
    }

    /** The QFPay transaction status code (protocol doc §8.4). */
    public String respcd() {
      return respcd;
    }
  }

  /** What can still be refunded: the unrefunded part of an approved, refundable payment. */
  public Money refundable() {
    if (kind != Kind.PAYMENT || status != Status.APPROVED || !channel.isRefundable()) {
      return Money.zero(amount.currency());
    }
    return amount.minus(refunded);
  }

  SimTransaction withOutcome(Status newStatus, Instant at, String newMessage) {
    return new SimTransaction(
        syssn,
        kind,
        newStatus,
        outTradeNo,
        amount,
        refunded,
        channel,
        busicd,
        cardScheme,
        cardNo,
        createdAt,
        at,
        originalSyssn,
        newMessage);
  }

  SimTransaction withRefunded(Money newRefunded) {
    return new SimTransaction(
        syssn,
        kind,
        status,
        outTradeNo,
        amount,
        newRefunded,
        channel,
        busicd,
        cardScheme,
        cardNo,
        createdAt,
        completedAt,
        originalSyssn,
        message);
  }
}

package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.Money;
import java.util.Objects;

/**
 * One payment or refund as QFPay's cloud records it.
 *
 * @param syssn QFPay's transaction number
 * @param outTradeNo the merchant reference, or null when QFPay did not return one
 * @param kind payment or refund ({@code order_type})
 * @param amount {@code txamt}, parsed exactly from integer cents
 * @param respcd the transaction's status code (§8.4), kept for support
 * @param originalSyssn for refunds: the payment's syssn ({@code origssn}), else null
 * @param message QFPay's {@code errmsg}/{@code resperr}, or null
 * @param refundable for payments: what is left to refund ({@code allow_refund_amt}, ECR cloud
 *     query), or null when QFPay did not say
 */
public record CloudRecord(
    String syssn,
    String outTradeNo,
    Kind kind,
    Money amount,
    String respcd,
    String originalSyssn,
    String message,
    Money refundable) {

  /** A record that does not say what is left to refund. */
  public CloudRecord(
      String syssn,
      String outTradeNo,
      Kind kind,
      Money amount,
      String respcd,
      String originalSyssn,
      String message) {
    this(syssn, outTradeNo, kind, amount, respcd, originalSyssn, message, null);
  }

  /** {@code order_type}: payment or refund. */
  public enum Kind {
    PAYMENT,
    REFUND
  }

  public CloudRecord {
    Objects.requireNonNull(syssn, "syssn");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(respcd, "respcd");
  }
}

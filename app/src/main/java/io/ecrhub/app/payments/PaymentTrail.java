package io.ecrhub.app.payments;

import java.time.Instant;
import java.util.List;

/**
 * Port: what the hub heard about one payment besides its own answers: the signed QFPay
 * notifications about it, and every state change of it and its refunds with the reason.
 */
public interface PaymentTrail {
  /** A notification about the payment (or one of its refunds), as the inbox holds it. */
  record Heard(
      String id, Instant receivedAt, String kind, String status, String syssn, String note) {}

  /** A state change of the payment or one of its refunds. */
  record Change(
      long id, Instant at, String refundId, String from, String to, String type, String reason) {}

  /**
   * The notifications whose trade reference is {@code outTradeNo} or whose QFPay transaction is
   * {@code syssn} (null: not known yet), oldest first, at most {@code limit}; rejected ones (bad
   * signature) are left out.
   */
  List<Heard> notifications(String outTradeNo, String syssn, int limit);

  /** The payment's state changes (its refunds' included), oldest first, at most {@code limit}. */
  List<Change> changes(String paymentId, int limit);
}

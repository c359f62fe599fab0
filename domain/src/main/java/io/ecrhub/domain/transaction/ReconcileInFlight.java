package io.ecrhub.domain.transaction;

/**
 * Use case: settle every UNKNOWN (and, at startup, IN_PROGRESS) payment and refund by querying the
 * terminal; changes state only on a definite answer and never re-sends a payment.
 */
public interface ReconcileInFlight {
  /** One pass over the due transactions; returns how many were settled. */
  int reconcileDue();

  /** Forces an immediate query for one payment (operator action). */
  Payment reconcileNow(PaymentId paymentId);
}

package io.ecrhub.domain.transaction;

/**
 * Use case: settle every UNKNOWN (and, at startup, IN_PROGRESS) payment and refund by querying the
 * terminal; changes state only on a definite answer and never re-sends a payment.
 */
public interface ReconcileInFlight {
  /**
   * Call once when this instance starts, before the first {@link #reconcileDue}: releases every
   * terminal lease still recorded for this instance id (a restarted instance cannot hold any), so
   * the transactions it had in flight are reconciled at once rather than after the lease expiry.
   *
   * @return how many leases were released
   */
  int releaseLeasesOfEarlierRun();

  /** One pass over the due transactions; returns how many were settled. */
  int reconcileDue();

  /** Forces an immediate query for one payment (operator action). */
  Payment reconcileNow(PaymentId paymentId);
}

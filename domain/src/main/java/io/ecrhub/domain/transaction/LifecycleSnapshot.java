package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.Syssn;
import java.time.Instant;

/**
 * The persistent state of a {@link TransactionLifecycle}, the part a payment and a refund share.
 *
 * @param syssn QFPay's serial number of this transaction, once known
 * @param failure why it did not succeed, or null
 * @param confirmedBy what vouches for a success (ADR 0007), or null
 * @param confirmationPending true while a settlement waits for a signed notification (or the cloud)
 * @param reconcileAttempts reconciliation queries made so far without a definite answer
 * @param nextReconcileAt when reconciliation asks next, or null when nothing is scheduled
 * @param version optimistic-lock version: 0 for a new transaction, incremented by every save
 * @param reconcileSources which sources reconciliation asked last and what each said, one {@code
 *     source: answer} per line (see {@link ReconcileSources}), or null
 */
public record LifecycleSnapshot(
    TransactionStatus status,
    Syssn syssn,
    Failure failure,
    Instant sentAt,
    Instant createdAt,
    Instant updatedAt,
    String reviewNote,
    int reconcileAttempts,
    Instant nextReconcileAt,
    long version,
    ConfirmedBy confirmedBy,
    boolean confirmationPending,
    String reconcileSources) {

  /** A transaction created at {@code now}, PENDING, never saved. */
  public static LifecycleSnapshot pending(Instant now) {
    return created(TransactionStatus.PENDING, null, null, now);
  }

  /**
   * A transaction created at {@code now} already SUCCEEDED as {@code syssn}, vouched for {@code by}
   * (a refund done outside the hub), never saved.
   */
  public static LifecycleSnapshot succeeded(Syssn syssn, ConfirmedBy by, Instant now) {
    return created(TransactionStatus.SUCCEEDED, syssn, by, now);
  }

  private static LifecycleSnapshot created(
      TransactionStatus status, Syssn syssn, ConfirmedBy confirmedBy, Instant now) {
    return new LifecycleSnapshot(
        status, syssn, null, null, now, now, null, 0, null, 0, confirmedBy, false, null);
  }

  /** The same state with another version (persistence adapters restore saved state so). */
  public LifecycleSnapshot withVersion(long newVersion) {
    return new LifecycleSnapshot(
        status,
        syssn,
        failure,
        sentAt,
        createdAt,
        updatedAt,
        reviewNote,
        reconcileAttempts,
        nextReconcileAt,
        newVersion,
        confirmedBy,
        confirmationPending,
        reconcileSources);
  }
}

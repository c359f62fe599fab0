package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Failure;
import io.ecrhub.domain.transaction.LifecycleSnapshot;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;

/**
 * The lifecycle part of {@link PaymentFixture} and {@link RefundFixture}: status, syssn, failure,
 * times, review note, reconciliation schedule, confirmation and version. A status past PENDING
 * implies it was sent (at creation) unless set.
 *
 * @param <F> the fixture itself, returned by every setter
 */
public abstract class TransactionFixture<F extends TransactionFixture<F>> {
  private Instant createdAt;
  private TransactionStatus status = TransactionStatus.PENDING;
  private Syssn syssn;
  private Failure failure;
  private Instant sentAt;
  private Instant updatedAt;
  private String reviewNote;
  private int reconcileAttempts;
  private Instant nextReconcileAt;
  private long version;
  private ConfirmedBy confirmedBy;
  private boolean confirmationPending;
  private String reconcileSources;

  TransactionFixture() {}

  @SuppressWarnings("unchecked")
  private F self() {
    return (F) this;
  }

  public F createdAt(Instant v) {
    this.createdAt = v;
    return self();
  }

  public F status(TransactionStatus v) {
    this.status = v;
    return self();
  }

  public F syssn(String v) {
    this.syssn = v == null ? null : Syssn.of(v);
    return self();
  }

  public F failure(DeclineReason reason, String code, String message) {
    this.failure = Failure.of(reason, code, message);
    return self();
  }

  public F sentAt(Instant v) {
    this.sentAt = v;
    return self();
  }

  public F updatedAt(Instant v) {
    this.updatedAt = v;
    return self();
  }

  public F reviewNote(String v) {
    this.reviewNote = v;
    return self();
  }

  public F reconcile(int attempts, Instant next) {
    this.reconcileAttempts = attempts;
    this.nextReconcileAt = next;
    return self();
  }

  /** What vouches for the settlement, and whether it waits for confirmation (ADR 0007). */
  public F confirmed(ConfirmedBy by, boolean pending) {
    this.confirmedBy = by;
    this.confirmationPending = pending;
    return self();
  }

  /** What reconciliation's sources said last (see {@code ReconcileSources}). */
  public F reconcileSources(String v) {
    this.reconcileSources = v;
    return self();
  }

  public F version(long v) {
    this.version = v;
    return self();
  }

  TransactionStatus status() {
    return status;
  }

  /**
   * The lifecycle as set, with these defaults for what was not: created at {@code created}, and a
   * syssn of {@code settledSyssn}.
   */
  LifecycleSnapshot lifecycle(Instant created, Syssn settledSyssn) {
    Instant at = createdAt != null ? createdAt : created;
    boolean sent = status != TransactionStatus.PENDING;
    return new LifecycleSnapshot(
        status,
        syssn != null ? syssn : settledSyssn,
        failure,
        sentAt != null ? sentAt : (sent ? at : null),
        at,
        updatedAt != null ? updatedAt : at,
        reviewNote,
        reconcileAttempts,
        nextReconcileAt,
        version,
        confirmedBy,
        confirmationPending,
        reconcileSources);
  }
}

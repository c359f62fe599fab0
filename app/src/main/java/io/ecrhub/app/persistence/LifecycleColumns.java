package io.ecrhub.app.persistence;

import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Failure;
import io.ecrhub.domain.transaction.LifecycleSnapshot;
import io.ecrhub.domain.transaction.ReconcileSources;
import io.ecrhub.domain.transaction.TransactionStatus;
import jakarta.persistence.Column;
import jakarta.persistence.Embeddable;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

/**
 * The columns of a {@link io.ecrhub.domain.transaction.TransactionLifecycle}, the same in {@code
 * payment} and {@code refund} (ADR 0012), and their one mapping to and from {@link
 * LifecycleSnapshot}. The version is the row's own ({@link VersionedRow}).
 */
@Embeddable
class LifecycleColumns {
  @Column(name = "status")
  String status;

  @Column(name = "syssn")
  String syssn;

  @Column(name = "failure_reason")
  String failureReason;

  @Column(name = "failure_code")
  String failureCode;

  @Column(name = "failure_message")
  String failureMessage;

  @Column(name = "sent_at")
  Instant sentAt;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "updated_at")
  Instant updatedAt;

  @Column(name = "review_note")
  String reviewNote;

  @Column(name = "reconcile_attempts")
  int reconcileAttempts;

  @Column(name = "next_reconcile_at")
  Instant nextReconcileAt;

  /**
   * {@link io.ecrhub.domain.transaction.ConfirmedBy} name, or null (not settled, or before V42).
   */
  @Column(name = "confirmed_by", length = 20)
  String confirmedBy;

  @Column(name = "confirmation_pending")
  boolean confirmationPending;

  /** What reconciliation's sources said last (V48), or null. */
  @Column(name = "reconcile_sources", length = ReconcileSources.MAX_LENGTH)
  String reconcileSources;

  /**
   * The columns a transaction's life changes (all but {@code created_at}), by path from the row
   * (for JPQL updates).
   */
  static final Map<String, Function<LifecycleColumns, Object>> MUTABLE = new LinkedHashMap<>();

  static {
    MUTABLE.put("lifecycle.status", c -> c.status);
    MUTABLE.put("lifecycle.syssn", c -> c.syssn);
    MUTABLE.put("lifecycle.failureReason", c -> c.failureReason);
    MUTABLE.put("lifecycle.failureCode", c -> c.failureCode);
    MUTABLE.put("lifecycle.failureMessage", c -> c.failureMessage);
    MUTABLE.put("lifecycle.sentAt", c -> c.sentAt);
    MUTABLE.put("lifecycle.updatedAt", c -> c.updatedAt);
    MUTABLE.put("lifecycle.reviewNote", c -> c.reviewNote);
    MUTABLE.put("lifecycle.reconcileAttempts", c -> c.reconcileAttempts);
    MUTABLE.put("lifecycle.nextReconcileAt", c -> c.nextReconcileAt);
    MUTABLE.put("lifecycle.confirmedBy", c -> c.confirmedBy);
    MUTABLE.put("lifecycle.confirmationPending", c -> c.confirmationPending);
    MUTABLE.put("lifecycle.reconcileSources", c -> c.reconcileSources);
  }

  /** Writes {@code s} into these columns (instants at the databases' precision, text clipped). */
  void copy(LifecycleSnapshot s) {
    Failure failure = s.failure();
    status = s.status().name();
    syssn = s.syssn() == null ? null : s.syssn().value();
    failureReason = failure == null || failure.reason() == null ? null : failure.reason().name();
    failureCode = failure == null ? null : Times.clip(failure.code(), 64);
    failureMessage = failure == null ? null : Times.clip(failure.message(), 2000);
    sentAt = Times.db(s.sentAt());
    createdAt = Times.db(s.createdAt());
    updatedAt = Times.db(s.updatedAt());
    reviewNote = Times.clip(s.reviewNote(), 2000);
    reconcileAttempts = s.reconcileAttempts();
    nextReconcileAt = Times.db(s.nextReconcileAt());
    confirmedBy = s.confirmedBy() == null ? null : s.confirmedBy().name();
    confirmationPending = s.confirmationPending();
    reconcileSources = Times.clip(s.reconcileSources(), ReconcileSources.MAX_LENGTH);
  }

  /** The lifecycle these columns hold, at the row's {@code version}. */
  LifecycleSnapshot toSnapshot(long version) {
    return new LifecycleSnapshot(
        TransactionStatus.valueOf(status),
        syssn == null ? null : Syssn.of(syssn),
        Failure.of(
            failureReason == null ? null : DeclineReason.valueOf(failureReason),
            failureCode,
            failureMessage),
        sentAt,
        createdAt,
        updatedAt,
        reviewNote,
        reconcileAttempts,
        nextReconcileAt,
        version,
        confirmedBy == null ? null : ConfirmedBy.valueOf(confirmedBy),
        confirmationPending,
        reconcileSources);
  }
}

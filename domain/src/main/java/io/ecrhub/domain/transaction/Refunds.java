package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.Syssn;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: stored refunds.
 *
 * <p>Versions (optimistic concurrency): a new refund has version 0. {@link #save} of a refund with
 * version {@code v} stores it as {@code v + 1} and returns a restored refund carrying {@code v + 1}
 * (see {@link Refund.Snapshot#withVersion}); when the stored version is not {@code v} (including a
 * new refund whose id is already taken) it throws {@link
 * io.ecrhub.domain.shared.ConcurrentModificationException} and stores nothing. The argument is
 * never modified.
 */
public interface Refunds {
  /** Inserts or updates; returns the stored refund with its new version (see class doc). */
  Refund save(Refund refund);

  Optional<Refund> findById(RefundId id);

  Optional<Refund> findBySyssn(Syssn syssn);

  /** Every refund of a payment, oldest first (created at, then id). */
  List<Refund> findByPayment(PaymentId paymentId);

  /** Refunds in one of {@code statuses}, oldest first (created at, then id), at most limit. */
  List<Refund> findByStatus(Set<TransactionStatus> statuses, int limit);

  /**
   * What reconciliation should look at now, oldest first: every IN_PROGRESS refund and every
   * UNKNOWN refund whose next reconciliation is due ({@code nextReconcileAt <= now}). The default
   * filters {@link #findByStatus}; database adapters should override it with an indexed query.
   */
  default List<Refund> findDueForReconciliation(Instant now, int limit) {
    return findByStatus(
            EnumSet.of(TransactionStatus.IN_PROGRESS, TransactionStatus.UNKNOWN), Integer.MAX_VALUE)
        .stream()
        .filter(r -> r.status() == TransactionStatus.IN_PROGRESS || r.isReconcileDue(now))
        .sorted(Comparator.comparing(Refund::createdAt).thenComparing(r -> r.id().value()))
        .limit(limit)
        .toList();
  }
}

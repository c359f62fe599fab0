package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Port: stored payments.
 *
 * <p>Versions (optimistic concurrency): a new payment has version 0. {@link #save} of a payment
 * with version {@code v} stores it as {@code v + 1} and returns a restored payment carrying {@code
 * v + 1} (see {@link Payment.Snapshot#withVersion}); when the stored version is not {@code v}
 * (including a new payment whose id is already taken) it throws {@link
 * io.ecrhub.domain.shared.ConcurrentModificationException} and stores nothing. So does inserting a
 * payment whose out_trade_no or idempotency key already belongs to another payment (unique
 * constraints). The argument is never modified; its pending events stay with the caller.
 */
public interface Payments {
  /** Inserts or updates; returns the stored payment with its new version (see class doc). */
  Payment save(Payment payment);

  Optional<Payment> findById(PaymentId id);

  Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo);

  Optional<Payment> findBySyssn(Syssn syssn);

  Optional<Payment> findByIdempotencyKey(String idempotencyKey);

  /** Payments in one of {@code statuses}, oldest first (created at, then id), at most limit. */
  List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit);

  /**
   * Listing with optional filters, newest first (created at descending, then id descending),
   * keyset-paginated by an opaque cursor (null for the first page; the page's cursor is null on the
   * last page).
   */
  Page<Payment> list(Filter filter, String cursor, int limit);

  /**
   * What reconciliation should look at now, oldest first: every IN_PROGRESS payment (the caller
   * checks whether it is still in flight) and every UNKNOWN payment whose next reconciliation is
   * due ({@code nextReconcileAt <= now}). The default filters {@link #findByStatus}; database
   * adapters should override it with an indexed query.
   */
  default List<Payment> findDueForReconciliation(Instant now, int limit) {
    return findByStatus(
            EnumSet.of(TransactionStatus.IN_PROGRESS, TransactionStatus.UNKNOWN), Integer.MAX_VALUE)
        .stream()
        .filter(p -> p.status() == TransactionStatus.IN_PROGRESS || p.isReconcileDue(now))
        .sorted(Comparator.comparing(Payment::createdAt).thenComparing(p -> p.id().value()))
        .limit(limit)
        .toList();
  }

  /**
   * Payments settled SUCCEEDED on an answer that waits for confirmation (ADR 0007), last changed at
   * or after {@code settledSince}, whose next cloud confirmation is due ({@code nextReconcileAt}
   * null or at most {@code now}), oldest first. The default filters {@link #findByStatus}; database
   * adapters should override it with a query.
   */
  default List<Payment> findAwaitingConfirmation(Instant now, Instant settledSince, int limit) {
    return findByStatus(EnumSet.of(TransactionStatus.SUCCEEDED), Integer.MAX_VALUE).stream()
        .filter(Payment::confirmationPending)
        .filter(p -> !p.updatedAt().isBefore(settledSince))
        .filter(p -> p.nextReconcileAt().map(n -> !n.isAfter(now)).orElse(true))
        .sorted(Comparator.comparing(Payment::createdAt).thenComparing(p -> p.id().value()))
        .limit(limit)
        .toList();
  }

  /**
   * Filters for {@link #list}; null fields are not filtered. {@code createdFrom} is inclusive,
   * {@code createdTo} exclusive.
   */
  record Filter(
      TerminalId terminalId, TransactionStatus status, Instant createdFrom, Instant createdTo) {
    /** No filter at all. */
    public static Filter none() {
      return new Filter(null, null, null, null);
    }
  }
}

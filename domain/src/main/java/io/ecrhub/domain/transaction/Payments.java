package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Port: stored payments. */
public interface Payments {
  /** Inserts or updates; a stale version fails with a concurrency error. */
  Payment save(Payment payment);

  Optional<Payment> findById(PaymentId id);

  Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo);

  Optional<Payment> findBySyssn(Syssn syssn);

  Optional<Payment> findByIdempotencyKey(String idempotencyKey);

  /** Payments in one of {@code statuses}, oldest first (reconciliation). */
  List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit);

  /** Listing with optional filters, newest first, keyset-paginated by an opaque cursor. */
  Page<Payment> list(Filter filter, String cursor, int limit);

  /** Filters for {@link #list}; null fields are not filtered. */
  record Filter(
      TerminalId terminalId, TransactionStatus status, Instant createdFrom, Instant createdTo) {}
}

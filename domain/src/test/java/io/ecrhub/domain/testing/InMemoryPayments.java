package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Payments} in memory: snapshots keyed by id, with the port's version rule and unique
 * out_trade_no / idempotency key.
 */
public final class InMemoryPayments implements Payments {
  private static final Comparator<Payment.Snapshot> OLDEST_FIRST =
      Comparator.comparing(Payment.Snapshot::createdAt).thenComparing(s -> s.id().value());

  private final Map<PaymentId, Payment.Snapshot> byId = new LinkedHashMap<>();

  @Override
  public synchronized Payment save(Payment payment) {
    Payment.Snapshot s = payment.snapshot();
    Payment.Snapshot stored = byId.get(s.id());
    long storedVersion = stored == null ? 0 : stored.version();
    if (storedVersion != s.version()) {
      throw new ConcurrentModificationException("payment " + s.id());
    }
    for (Payment.Snapshot other : byId.values()) {
      boolean sameNo = other.outTradeNo().equals(s.outTradeNo());
      boolean sameKey =
          s.idempotencyKey() != null && s.idempotencyKey().equals(other.idempotencyKey());
      if (!other.id().equals(s.id()) && (sameNo || sameKey)) {
        throw new ConcurrentModificationException(
            "payment with this " + (sameNo ? "out_trade_no" : "idempotency key"));
      }
    }
    Payment.Snapshot next = s.withVersion(s.version() + 1);
    byId.put(s.id(), next);
    return Payment.restore(next);
  }

  @Override
  public synchronized Optional<Payment> findById(PaymentId id) {
    return Optional.ofNullable(byId.get(id)).map(Payment::restore);
  }

  @Override
  public synchronized Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo) {
    return first(s -> s.outTradeNo().equals(outTradeNo));
  }

  @Override
  public synchronized Optional<Payment> findBySyssn(Syssn syssn) {
    return first(s -> syssn.equals(s.syssn()));
  }

  @Override
  public synchronized Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
    return first(s -> idempotencyKey.equals(s.idempotencyKey()));
  }

  @Override
  public synchronized List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit) {
    return byId.values().stream()
        .filter(s -> statuses.contains(s.status()))
        .sorted(OLDEST_FIRST)
        .limit(limit)
        .map(Payment::restore)
        .toList();
  }

  @Override
  public synchronized Page<Payment> list(Filter filter, String cursor, int limit) {
    Filter f = filter == null ? Filter.none() : filter;
    Keyset after = cursor == null ? null : Keyset.parse(cursor);
    List<Payment.Snapshot> matching =
        byId.values().stream()
            .filter(s -> f.terminalId() == null || f.terminalId().equals(s.terminalId()))
            .filter(s -> f.status() == null || f.status() == s.status())
            .filter(s -> f.createdFrom() == null || !s.createdAt().isBefore(f.createdFrom()))
            .filter(s -> f.createdTo() == null || s.createdAt().isBefore(f.createdTo()))
            .sorted(OLDEST_FIRST.reversed())
            .filter(s -> after == null || after.isFollowedBy(s.createdAt(), s.id().value()))
            .limit(limit + 1L)
            .toList();
    boolean more = matching.size() > limit;
    List<Payment.Snapshot> page = more ? matching.subList(0, limit) : matching;
    String next = null;
    if (more) {
      Payment.Snapshot last = page.get(page.size() - 1);
      next = new Keyset(last.createdAt(), last.id().value()).format();
    }
    return new Page<>(page.stream().map(Payment::restore).toList(), next);
  }

  /** How many payments are stored. */
  public synchronized int size() {
    return byId.size();
  }

  private Optional<Payment> first(java.util.function.Predicate<Payment.Snapshot> p) {
    return byId.values().stream().filter(p).sorted(OLDEST_FIRST).findFirst().map(Payment::restore);
  }
}

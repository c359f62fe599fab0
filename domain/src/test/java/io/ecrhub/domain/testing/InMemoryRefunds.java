package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** {@link Refunds} in memory: snapshots keyed by id, with the port's version rule. */
public final class InMemoryRefunds implements Refunds {
  private static final Comparator<Refund.Snapshot> OLDEST_FIRST =
      Comparator.comparing(Refund.Snapshot::createdAt).thenComparing(s -> s.id().value());

  private final Map<RefundId, Refund.Snapshot> byId = new LinkedHashMap<>();

  @Override
  public synchronized Refund save(Refund refund) {
    Refund.Snapshot s = refund.snapshot();
    Refund.Snapshot stored = byId.get(s.id());
    long storedVersion = stored == null ? 0 : stored.version();
    if (storedVersion != s.version()) {
      throw new ConcurrentModificationException("refund " + s.id());
    }
    Refund.Snapshot next = s.withVersion(s.version() + 1);
    byId.put(s.id(), next);
    return Refund.restore(next);
  }

  @Override
  public synchronized Optional<Refund> findById(RefundId id) {
    return Optional.ofNullable(byId.get(id)).map(Refund::restore);
  }

  @Override
  public synchronized Optional<Refund> findBySyssn(Syssn syssn) {
    return byId.values().stream()
        .filter(s -> syssn.equals(s.syssn()))
        .sorted(OLDEST_FIRST)
        .findFirst()
        .map(Refund::restore);
  }

  @Override
  public synchronized List<Refund> findByPayment(PaymentId paymentId) {
    return byId.values().stream()
        .filter(s -> s.paymentId().equals(paymentId))
        .sorted(OLDEST_FIRST)
        .map(Refund::restore)
        .toList();
  }

  @Override
  public synchronized List<Refund> findByStatus(Set<TransactionStatus> statuses, int limit) {
    return byId.values().stream()
        .filter(s -> statuses.contains(s.status()))
        .sorted(OLDEST_FIRST)
        .limit(limit)
        .map(Refund::restore)
        .toList();
  }

  /** How many refunds are stored. */
  public synchronized int size() {
    return byId.size();
  }
}

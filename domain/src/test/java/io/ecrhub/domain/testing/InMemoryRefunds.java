package io.ecrhub.domain.testing;

import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** {@link Refunds} in memory: snapshots keyed by id, with the port's version rule. */
public final class InMemoryRefunds implements Refunds {
  private final TransactionStore<Refund.Snapshot, Refund> store =
      new TransactionStore<>(
          "refund", Refund::snapshot, Refund::restore, Refund::id, Refund.Snapshot::withVersion);

  @Override
  public Refund save(Refund refund) {
    return store.save(refund);
  }

  @Override
  public Optional<Refund> findById(RefundId id) {
    return store.find(id);
  }

  @Override
  public Optional<Refund> findBySyssn(Syssn syssn) {
    return store.first(r -> r.syssn().filter(syssn::equals).isPresent());
  }

  @Override
  public List<Refund> findByPayment(PaymentId paymentId) {
    return store.all().filter(r -> r.paymentId().equals(paymentId)).toList();
  }

  @Override
  public List<Refund> findByStatus(Set<TransactionStatus> statuses, int limit) {
    return store.withStatus(statuses, limit);
  }

  /** How many refunds are stored. */
  public int size() {
    return store.size();
  }
}

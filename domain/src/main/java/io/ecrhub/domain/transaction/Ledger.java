package io.ecrhub.domain.transaction;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Where {@link Reconciliation} finds and saves one kind of transaction: payments or refunds.
 *
 * @param kind {@code payment} or {@code refund}, as in {@link TransactionLifecycle#label()}
 */
record Ledger<I, T extends Settleable>(
    String kind,
    Function<I, Optional<T>> finder,
    Consumer<T> saver,
    BiFunction<Instant, Integer, List<T>> due) {

  static Ledger<PaymentId, Payment> payments(TransactionPorts ports) {
    return new Ledger<>(
        "payment",
        id -> ports.payments().findById(id),
        p -> ports.payments().save(p),
        (now, limit) -> ports.payments().findDueForReconciliation(now, limit));
  }

  static Ledger<RefundId, Refund> refunds(TransactionPorts ports) {
    return new Ledger<>(
        "refund",
        id -> ports.refunds().findById(id),
        r -> ports.refunds().save(r),
        (now, limit) -> ports.refunds().findDueForReconciliation(now, limit));
  }

  T load(I id) {
    return finder.apply(id).orElseThrow();
  }

  void save(T t) {
    saver.accept(t);
  }

  String label(I id) {
    return kind + " " + id;
  }
}

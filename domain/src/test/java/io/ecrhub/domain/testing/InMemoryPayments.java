package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@link Payments} in memory: snapshots keyed by id, with the port's version rule and unique
 * out_trade_no / idempotency key.
 */
public final class InMemoryPayments implements Payments {
  private final TransactionStore<Payment.Snapshot, Payment> store =
      new TransactionStore<>(
          "payment",
          Payment::snapshot,
          Payment::restore,
          Payment::id,
          Payment.Snapshot::withVersion);

  @Override
  public Payment save(Payment payment) {
    return store.save(payment, InMemoryPayments.this::refuseClash);
  }

  private void refuseClash(Payment payment) {
    store
        .first(other -> !other.id().equals(payment.id()) && clash(other, payment) != null)
        .ifPresent(
            other -> {
              throw new ConcurrentModificationException(
                  "payment with this " + clash(other, payment));
            });
  }

  /** Which unique key {@code a} and {@code b} share, or null. */
  private static String clash(Payment a, Payment b) {
    if (a.outTradeNo().equals(b.outTradeNo())) {
      return "out_trade_no";
    }
    boolean sameKey =
        b.idempotencyKey().isPresent() && b.idempotencyKey().equals(a.idempotencyKey());
    return sameKey ? "idempotency key" : null;
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    return store.find(id);
  }

  @Override
  public Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo) {
    return store.first(p -> p.outTradeNo().equals(outTradeNo));
  }

  @Override
  public Optional<Payment> findBySyssn(Syssn syssn) {
    return store.first(p -> p.syssn().filter(syssn::equals).isPresent());
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
    return store.first(p -> p.idempotencyKey().filter(idempotencyKey::equals).isPresent());
  }

  @Override
  public List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit) {
    return store.withStatus(statuses, limit);
  }

  @Override
  public Page<Payment> list(Filter filter, String cursor, int limit) {
    Filter f = filter == null ? Filter.none() : filter;
    Keyset after = cursor == null ? null : Keyset.parse(cursor);
    List<Payment> matching =
        store
            .all()
            .filter(p -> f.terminalId() == null || f.terminalId().equals(p.terminalId()))
            .filter(p -> f.status() == null || f.status() == p.status())
            .filter(p -> f.createdFrom() == null || !p.createdAt().isBefore(f.createdFrom()))
            .filter(p -> f.createdTo() == null || p.createdAt().isBefore(f.createdTo()))
            .sorted(store.oldestFirst().reversed())
            .filter(p -> after == null || after.isFollowedBy(p.createdAt(), p.id().value()))
            .limit(limit + 1L)
            .toList();
    boolean more = matching.size() > limit;
    List<Payment> page = more ? matching.subList(0, limit) : matching;
    String next = null;
    if (more) {
      Payment last = page.get(page.size() - 1);
      next = new Keyset(last.createdAt(), last.id().value()).format();
    }
    return new Page<>(page, next);
  }

  /** How many payments are stored. */
  public int size() {
    return store.size();
  }
}

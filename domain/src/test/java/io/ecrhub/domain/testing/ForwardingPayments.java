package io.ecrhub.domain.testing;

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
 * {@link InMemoryPayments} behind a save a test can intercept: a subclass overrides {@link
 * #save(Payment)} (to slip in a concurrent change, or to lose to another instance) and calls {@code
 * super.save} to store.
 */
public abstract class ForwardingPayments implements Payments {
  private final Payments delegate = new InMemoryPayments();

  @Override
  public Payment save(Payment payment) {
    return delegate.save(payment);
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    return delegate.findById(id);
  }

  @Override
  public Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo) {
    return delegate.findByOutTradeNo(outTradeNo);
  }

  @Override
  public Optional<Payment> findBySyssn(Syssn syssn) {
    return delegate.findBySyssn(syssn);
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
    return delegate.findByIdempotencyKey(idempotencyKey);
  }

  @Override
  public List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit) {
    return delegate.findByStatus(statuses, limit);
  }

  @Override
  public Page<Payment> list(Filter filter, String cursor, int limit) {
    return delegate.list(filter, cursor, limit);
  }
}

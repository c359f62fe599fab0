package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.testing.InMemoryPayments;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Payments that let a test slip a concurrent change in just before the next save (as a notification
 * on another thread would), so that save hits a stale version.
 */
final class InterferingPayments implements Payments {
  private final InMemoryPayments delegate = new InMemoryPayments();
  private Runnable interference;

  void beforeNextSave(Runnable change) {
    this.interference = change;
  }

  @Override
  public Payment save(Payment payment) {
    Runnable r = interference;
    interference = null;
    if (r != null) {
      r.run();
    }
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

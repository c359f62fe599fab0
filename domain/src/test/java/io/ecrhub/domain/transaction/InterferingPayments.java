package io.ecrhub.domain.transaction;

import io.ecrhub.domain.testing.ForwardingPayments;

/**
 * Payments that let a test slip a concurrent change in just before the next save (as a notification
 * on another thread would), so that save hits a stale version.
 */
final class InterferingPayments extends ForwardingPayments {
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
    return super.save(payment);
  }
}

package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.PaymentMatcher;
import io.ecrhub.domain.transaction.Payments;

/** The contract against {@link PaymentMatcher#using} over the in-memory payments. */
class InMemoryPaymentMatcherTest extends PaymentMatcherContract {
  private InMemoryPayments payments;

  @Override
  protected Payments create() {
    payments = new InMemoryPayments();
    return payments;
  }

  @Override
  protected PaymentMatcher matcher() {
    return PaymentMatcher.using(payments);
  }
}

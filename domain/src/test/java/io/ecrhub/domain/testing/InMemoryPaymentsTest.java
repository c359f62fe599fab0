package io.ecrhub.domain.testing;

import io.ecrhub.domain.transaction.Payments;

class InMemoryPaymentsTest extends PaymentsContract {
  @Override
  protected Payments create() {
    return new InMemoryPayments();
  }
}

package io.ecrhub.domain.testing;

import io.ecrhub.domain.transaction.Refunds;

class InMemoryRefundsTest extends RefundsContract {
  @Override
  protected Refunds create() {
    return new InMemoryRefunds();
  }
}

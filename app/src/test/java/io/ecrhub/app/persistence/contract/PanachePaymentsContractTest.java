package io.ecrhub.app.persistence.contract;

import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.PaymentsContract;
import io.ecrhub.domain.transaction.Payments;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The domain's {@link Payments} contract against the Panache adapter (H2 or PostgreSQL). */
@QuarkusTest
class PanachePaymentsContractTest extends PaymentsContract {
  @Inject Payments adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected Payments create() {
    Tables.empty(em, "refund", "payment");
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

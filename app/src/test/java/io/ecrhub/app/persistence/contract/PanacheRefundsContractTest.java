package io.ecrhub.app.persistence.contract;

import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.RefundsContract;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Refunds;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The domain's {@link Refunds} contract against the Panache adapter; refunds reference their
 * payment (foreign key), so the payments are stored first.
 */
@QuarkusTest
class PanacheRefundsContractTest extends RefundsContract {
  @Inject Refunds adapter;
  @Inject Payments payments;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected Refunds create() {
    Tables.empty(em, "refund", "payment");
    return adapter;
  }

  @Override
  protected void givenPayment(Payment payment) {
    uow.inTransaction(() -> payments.save(payment));
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

package io.ecrhub.app.persistence.contract;

import io.ecrhub.app.persistence.PaymentLookups;
import io.ecrhub.domain.notification.PaymentMatcher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.PaymentMatcherContract;
import io.ecrhub.domain.transaction.Payments;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The domain's {@link PaymentMatcher} contract against the payment look-ups (plain JDBC) over the
 * Panache payments (H2 or PostgreSQL).
 */
@QuarkusTest
class PaymentLookupsContractTest extends PaymentMatcherContract {
  @Inject PaymentLookups adapter;
  @Inject Payments payments;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected Payments create() {
    Tables.empty(em, "refund", "payment");
    return payments;
  }

  @Override
  protected PaymentMatcher matcher() {
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

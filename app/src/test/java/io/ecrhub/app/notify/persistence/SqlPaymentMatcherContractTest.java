package io.ecrhub.app.notify.persistence;

import io.ecrhub.domain.notification.PaymentMatcher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.PaymentMatcherContract;
import io.ecrhub.domain.transaction.Payments;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The domain's {@link PaymentMatcher} contract against the SQL matcher over the Panache payments
 * (H2 or PostgreSQL).
 */
@QuarkusTest
class SqlPaymentMatcherContractTest extends PaymentMatcherContract {
  @Inject SqlPaymentMatcher adapter;
  @Inject Payments payments;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected Payments create() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery("DELETE FROM refund").executeUpdate();
              em.createNativeQuery("DELETE FROM payment").executeUpdate();
            });
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

package io.ecrhub.app.mms.persistence;

import io.ecrhub.domain.merchant.HeldSyncs;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.HeldSyncsContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The domain's {@link HeldSyncs} contract against {@link JpaHeldSyncs} (H2 or PostgreSQL). */
@QuarkusTest
class JpaHeldSyncsContractTest extends HeldSyncsContract {
  @Inject HeldSyncs adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected HeldSyncs create() {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM mms_held_sync").executeUpdate());
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

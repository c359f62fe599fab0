package io.ecrhub.app.mms.persistence;

import io.ecrhub.domain.merchant.ConfigAudit;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.ConfigAuditContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The domain's {@link ConfigAudit} contract against {@link JpaConfigAudit} (H2 or PostgreSQL). */
@QuarkusTest
class JpaConfigAuditContractTest extends ConfigAuditContract {
  @Inject ConfigAudit adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected ConfigAudit create() {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM mms_config_audit").executeUpdate());
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

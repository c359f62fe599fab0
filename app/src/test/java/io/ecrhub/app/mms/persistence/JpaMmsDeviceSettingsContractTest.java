package io.ecrhub.app.mms.persistence;

import io.ecrhub.domain.merchant.MmsDeviceSettings;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.MmsDeviceSettingsContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The domain's {@link MmsDeviceSettings} contract against {@link JpaMmsDeviceSettings} (H2 or
 * PostgreSQL).
 */
@QuarkusTest
class JpaMmsDeviceSettingsContractTest extends MmsDeviceSettingsContract {
  @Inject MmsDeviceSettings adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected MmsDeviceSettings create() {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM mms_device_setting").executeUpdate());
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

package io.ecrhub.app.persistence.contract;

import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.testing.CertificatePinsContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The domain's {@link CertificatePins} contract against the Panache adapter. */
@QuarkusTest
class PanacheCertificatePinsContractTest extends CertificatePinsContract {
  @Inject CertificatePins adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected CertificatePins create() {
    Tables.empty(em, "certificate_pin");
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

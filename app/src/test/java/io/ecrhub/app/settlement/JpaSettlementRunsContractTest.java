package io.ecrhub.app.settlement;

import io.ecrhub.domain.settlement.SettlementRuns;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.SettlementRunsContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;

/** The domain's {@link SettlementRuns} contract against the JPA adapter (H2 or PostgreSQL). */
@QuarkusTest
class JpaSettlementRunsContractTest extends SettlementRunsContract {
  @Inject SettlementRuns adapter;
  @Inject UnitOfWork uow;

  @Override
  protected SettlementRuns runs() {
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

package io.ecrhub.app.persistence.contract;

import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.PaymentsContract;
import io.ecrhub.domain.transaction.Payments;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import org.junit.jupiter.api.AfterEach;

/** The domain's {@link Payments} contract against the Panache adapter (H2 or PostgreSQL). */
@QuarkusTest
class PanachePaymentsContractTest extends PaymentsContract {
  @Inject Payments adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;
  @Inject Scheduler scheduler;

  /**
   * The contract speaks to the store alone: the hub's reconciliation job (every few seconds) would
   * otherwise take up the contract's IN_PROGRESS rows of an unknown terminal and save them in the
   * middle of a test (seen as a version the test did not write, on a loaded machine).
   */
  @AfterEach
  void resumeReconciliation() {
    scheduler.resume("reconciliation");
  }

  @Override
  protected Payments create() {
    scheduler.pause("reconciliation");
    Tables.empty(em, "refund", "payment");
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

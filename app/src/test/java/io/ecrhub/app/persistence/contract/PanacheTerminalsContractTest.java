package io.ecrhub.app.persistence.contract;

import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.domain.testing.TerminalsContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The domain's {@link Terminals} contract against the Panache adapter (H2 or PostgreSQL). */
@QuarkusTest
class PanacheTerminalsContractTest extends TerminalsContract {
  @Inject Terminals adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected Terminals create() {
    Tables.empty(em, "certificate_pin", "terminal");
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

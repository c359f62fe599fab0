package io.ecrhub.app.persistence.contract;

import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.TerminalLeases;
import io.ecrhub.domain.testing.TerminalLeasesContract;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/** The domain's {@link TerminalLeases} contract against the Panache adapter. */
@QuarkusTest
class PanacheTerminalLeasesContractTest extends TerminalLeasesContract {
  @Inject TerminalLeases adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected TerminalLeases create() {
    Tables.empty(em, "terminal_lease");
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

package io.ecrhub.app.diagnostics.persistence;

import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.AddressHistory;
import io.ecrhub.domain.testing.AddressHistoryContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The domain's {@link AddressHistory} contract against {@link JpaAddressHistory} (H2 or
 * PostgreSQL).
 */
@QuarkusTest
class JpaAddressHistoryContractTest extends AddressHistoryContract {
  @Inject AddressHistory adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected AddressHistory create() {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM terminal_address").executeUpdate());
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

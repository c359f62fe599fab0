package io.ecrhub.app.diagnostics.persistence;

import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.DiagnosticResultsContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;

/**
 * The domain's {@link DiagnosticResults} contract against {@link JpaDiagnosticResults} (H2 or
 * PostgreSQL).
 */
@QuarkusTest
class JpaDiagnosticResultsContractTest extends DiagnosticResultsContract {
  @Inject DiagnosticResults adapter;
  @Inject UnitOfWork uow;
  @Inject EntityManager em;

  @Override
  protected DiagnosticResults create() {
    QuarkusTransaction.requiringNew()
        .run(() -> em.createNativeQuery("DELETE FROM diagnostic_run").executeUpdate());
    return adapter;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }
}

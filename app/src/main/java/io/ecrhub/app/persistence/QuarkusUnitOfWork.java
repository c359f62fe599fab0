package io.ecrhub.app.persistence;

import io.ecrhub.domain.shared.UnitOfWork;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.function.Supplier;

/**
 * Adapter: a unit of work is one JTA transaction (joining one already running); any exception rolls
 * it back and reaches the caller unchanged.
 */
@ApplicationScoped
public class QuarkusUnitOfWork implements UnitOfWork {
  @Override
  public <T> T inTransaction(Supplier<T> work) {
    return QuarkusTransaction.joiningExisting().call(work::get);
  }
}

package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.UnitOfWork;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;

/**
 * Base of the persistence contracts: every port call of a contract runs through {@link #tx}, so an
 * adapter that needs a transaction (JPA, Panache) gets one per call by overriding {@link
 * #unitOfWork()}. The in-memory fakes need none.
 */
public abstract class PortContract {
  private volatile UnitOfWork uow;

  @BeforeEach
  void setUpUnitOfWork() {
    uow = unitOfWork();
  }

  /** The unit of work each port call runs in; by default none ({@link DirectUnitOfWork}). */
  protected UnitOfWork unitOfWork() {
    return new DirectUnitOfWork();
  }

  /** Runs one port call in its own unit of work. */
  protected final <T> T tx(Supplier<T> work) {
    return uow.inTransaction(work);
  }

  /** Runs one port call without a result in its own unit of work. */
  protected final void txRun(Runnable work) {
    tx(
        () -> {
          work.run();
          return null;
        });
  }
}

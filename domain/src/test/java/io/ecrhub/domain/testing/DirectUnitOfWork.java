package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.UnitOfWork;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * A {@link UnitOfWork} that just runs the block (the in-memory fakes need no transaction). It
 * counts the blocks and can tell whether code runs inside one, so tests can assert that no terminal
 * I/O happens within a transaction.
 */
public final class DirectUnitOfWork implements UnitOfWork {
  private final AtomicInteger started = new AtomicInteger();
  private final ThreadLocal<Integer> depth = ThreadLocal.withInitial(() -> 0);

  @Override
  public <T> T inTransaction(Supplier<T> work) {
    started.incrementAndGet();
    depth.set(depth.get() + 1);
    try {
      return work.get();
    } finally {
      depth.set(depth.get() - 1);
    }
  }

  /** How many blocks were run. */
  public int transactions() {
    return started.get();
  }

  /** Whether the calling thread is inside a block right now. */
  public boolean inside() {
    return depth.get() > 0;
  }
}

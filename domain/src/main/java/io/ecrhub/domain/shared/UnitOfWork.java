package io.ecrhub.domain.shared;

import java.util.function.Supplier;

/**
 * Port: runs a block in one database transaction. Use cases call it around state changes and never
 * around terminal I/O (commit "in progress", talk to the terminal, commit the outcome).
 */
public interface UnitOfWork {
  <T> T inTransaction(Supplier<T> work);

  default void run(Runnable work) {
    inTransaction(
        () -> {
          work.run();
          return null;
        });
  }
}

package io.ecrhub.app.events;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Runs live, non-critical work (waking streams, retrying parked notifications) once the current JTA
 * transaction has committed, and never when it rolls back. Without a transaction the work runs at
 * once. The work runs on the committing thread: it must only hand off (never block, never throw).
 */
@ApplicationScoped
public class AfterCommit {
  private static final Logger LOG = Logger.getLogger(AfterCommit.class);

  /** Key of the transaction's queue of after-commit work in the synchronization registry. */
  private static final Object QUEUE = new Object();

  private final TransactionSynchronizationRegistry registry;

  @Inject
  public AfterCommit(TransactionSynchronizationRegistry registry) {
    this.registry = registry;
  }

  /**
   * Runs {@code work} after the current transaction commits (at once without a transaction). All
   * work of one transaction runs in the order it was registered, so events reach live streams in
   * the order of their ids (the transaction manager would call separate synchronizations in reverse
   * order).
   */
  public void run(Runnable work) {
    int status = registry.getTransactionStatus();
    if (status == Status.STATUS_NO_TRANSACTION) {
      safely(work);
      return;
    }
    if (status != Status.STATUS_ACTIVE) {
      return; // marked for rollback or completing: it will not commit this work's change
    }
    @SuppressWarnings("unchecked")
    List<Runnable> queued = (List<Runnable>) registry.getResource(QUEUE);
    if (queued == null) {
      List<Runnable> fresh = new ArrayList<>();
      registry.putResource(QUEUE, fresh);
      registry.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {
              // nothing before the commit
            }

            @Override
            public void afterCompletion(int outcome) {
              if (outcome == Status.STATUS_COMMITTED) {
                fresh.forEach(AfterCommit::safely);
              }
            }
          });
      queued = fresh;
    }
    queued.add(work);
  }

  private static void safely(Runnable work) {
    try {
      work.run();
    } catch (RuntimeException e) {
      LOG.warnf("after-commit work failed: %s", e.toString());
    }
  }
}

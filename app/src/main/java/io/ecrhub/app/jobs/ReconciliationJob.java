package io.ecrhub.app.jobs;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.transaction.ReconcileInFlight;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Runs the domain's reconciliation on a schedule: UNKNOWN payments and refunds are queried on their
 * backoff, and IN_PROGRESS ones left by a stopped hub (no lease held for them any more) are taken
 * over. Safe on several instances at once: the domain changes state only under optimistic locks and
 * never queries a terminal another transaction is using.
 *
 * <p>At start-up, before the first run (and before the HTTP server accepts a payment), it releases
 * every terminal lease still recorded for this instance id: a restarted instance cannot hold any,
 * so the payments it had in flight when it stopped are reconciled by the first run instead of after
 * the lease expiry (15 s by default, ADR 0019).
 */
@ApplicationScoped
public class ReconciliationJob {
  private static final Logger LOG = Logger.getLogger(ReconciliationJob.class);

  private final ReconcileInFlight reconciler;
  private final HubConfig config;
  private final Counter runs;
  private final Counter settled;
  private final Counter failures;

  @Inject
  public ReconciliationJob(ReconcileInFlight reconciler, HubConfig config, MeterRegistry registry) {
    this.reconciler = reconciler;
    this.config = config;
    this.runs =
        Counter.builder("ecrhub.reconciliation.attempts")
            .description("Reconciliation runs (each queries the due transactions' terminals)")
            .register(registry);
    this.settled =
        Counter.builder("ecrhub.reconciliation.settled")
            .description("Transactions settled by reconciliation")
            .register(registry);
    this.failures =
        Counter.builder("ecrhub.reconciliation.failures")
            .description("Reconciliation runs that failed")
            .register(registry);
  }

  /**
   * Once, at start-up (StartupEvent observers finish before the HTTP socket opens, so this instance
   * holds no lease of its own yet). Not retried later: by then the instance may hold live leases,
   * and a lease that could not be released simply expires.
   */
  void onStart(@Observes StartupEvent event) {
    try {
      int n = reconciler.releaseLeasesOfEarlierRun();
      if (n > 0) {
        LOG.infof("released %d terminal lease(s) this instance held before it restarted", n);
      }
    } catch (RuntimeException e) {
      LOG.warnf("could not release this instance's earlier leases (they expire): %s", e.toString());
    }
  }

  @Scheduled(
      identity = "reconciliation",
      every = "${ecrhub.reconciliation.every:5s}",
      delayed = "2s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void run() {
    if (!config.reconciliation().enabled()) {
      return;
    }
    runs.increment();
    try {
      int n = reconciler.reconcileDue();
      if (n > 0) {
        settled.increment(n);
        LOG.infof("reconciliation settled %d transaction(s)", n);
      }
    } catch (RuntimeException e) {
      failures.increment();
      LOG.warnf("reconciliation run failed: %s", e.toString());
    }
  }
}

package io.ecrhub.app.metrics;

import io.ecrhub.app.cluster.ClusterRunner;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauge of what the database holds: {@code ecrhub_payments_unknown} (payments whose outcome is not
 * known yet, being reconciled), refreshed every 15 s. Only the instance that runs the cluster-wide
 * jobs counts ({@link ClusterRunner}, ADR 0019); the others report 0, so a sum (or max) across
 * instances gives the count. Outcomes as they happen are counters ({@link OutcomeCounters}); the
 * former all-time gauge {@code ecrhub_payments{status}} is gone (ADR 0027).
 */
@Startup // the series exist from start-up, not only after the first refresh
@ApplicationScoped
public class TransactionGauges {
  private static final Logger LOG = Logger.getLogger(TransactionGauges.class);

  private final PaymentStatistics statistics;
  private final ClusterRunner runner;
  private final Map<TransactionStatus, AtomicLong> byStatus =
      new EnumMap<>(TransactionStatus.class);

  @Inject
  public TransactionGauges(
      PaymentStatistics statistics, ClusterRunner runner, MeterRegistry registry) {
    this.statistics = statistics;
    this.runner = runner;
    for (TransactionStatus s : TransactionStatus.values()) {
      byStatus.put(s, new AtomicLong());
    }
    Gauge.builder(
            "ecrhub.payments.unknown",
            byStatus.get(TransactionStatus.UNKNOWN),
            AtomicLong::doubleValue)
        .description("Payments whose outcome is not known yet (being reconciled)")
        .register(registry);
  }

  @Scheduled(
      every = "15s",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      if (!runner.leads()) {
        byStatus.values().forEach(v -> v.set(0));
        return;
      }
      Map<TransactionStatus, Long> counts = statistics.countByStatus();
      byStatus.forEach((s, v) -> v.set(counts.getOrDefault(s, 0L)));
    } catch (RuntimeException e) {
      LOG.warnf("could not refresh payment gauges: %s", e.toString());
    }
  }
}

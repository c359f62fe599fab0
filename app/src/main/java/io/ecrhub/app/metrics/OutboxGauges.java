package io.ecrhub.app.metrics;

import io.ecrhub.app.cluster.ClusterRunner;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Gauges of the webhook outbox, refreshed every 15 s: {@code ecrhub_webhook_outbox_pending}
 * (messages waiting to be delivered), {@code ecrhub_webhook_outbox_dead_letters} (messages given up
 * on, until purged) and {@code ecrhub_webhook_backlog_age_seconds} (how long the oldest waiting
 * message has waited; 0 when none waits). Like {@link TransactionGauges}, only the instance that
 * runs the cluster-wide jobs reports them (ADR 0019); the others report 0, so a sum or max across
 * instances gives the value.
 */
@Startup // the series exist from start-up, not only after the first refresh
@ApplicationScoped
public class OutboxGauges {
  private static final Logger LOG = Logger.getLogger(OutboxGauges.class);

  private final DeliveryBacklog backlog;
  private final ClusterRunner runner;
  private final Clock clock;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicLong deadLetters = new AtomicLong();
  private final AtomicLong ageSeconds = new AtomicLong();

  @Inject
  public OutboxGauges(
      DeliveryBacklog backlog, ClusterRunner runner, Clock clock, MeterRegistry registry) {
    this.backlog = backlog;
    this.runner = runner;
    this.clock = clock;
    Gauge.builder("ecrhub.webhook.outbox.pending", pending, AtomicLong::doubleValue)
        .description("Webhook messages waiting to be delivered (recorded or scheduled for retry)")
        .register(registry);
    Gauge.builder("ecrhub.webhook.outbox.dead.letters", deadLetters, AtomicLong::doubleValue)
        .description("Webhook messages given up on (dead letters), until purged")
        .register(registry);
    Gauge.builder("ecrhub.webhook.backlog.age", ageSeconds, AtomicLong::doubleValue)
        .description("How long the oldest waiting webhook message has waited (0: none waits)")
        .baseUnit("seconds")
        .register(registry);
  }

  @Scheduled(
      every = "15s",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void refresh() {
    try {
      if (!runner.leads()) {
        pending.set(0);
        deadLetters.set(0);
        ageSeconds.set(0);
        return;
      }
      pending.set(backlog.pending());
      deadLetters.set(backlog.deadLetters());
      Optional<Instant> oldest = backlog.oldestPending();
      ageSeconds.set(
          oldest
              .map(t -> Math.max(0, Duration.between(t, clock.instant()).toSeconds()))
              .orElse(0L));
    } catch (RuntimeException e) {
      LOG.warnf("could not refresh webhook outbox gauges: %s", e.toString());
    }
  }
}

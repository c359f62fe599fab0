package io.ecrhub.app.notify;

import io.ecrhub.app.cluster.ClusterRunner;
import io.ecrhub.app.notify.persistence.PanacheDeliveryOutbox;
import io.ecrhub.app.notify.persistence.SqlNotificationInbox;
import io.ecrhub.domain.notification.delivery.DeliveryWorker;
import io.ecrhub.notify.intake.InboxProcessor;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.jboss.logging.Logger;

/**
 * Background work of the notification side: the delivery worker, the retry of parked and unapplied
 * notifications, and the purge of old rows. None of it runs on the intake's path.
 */
@ApplicationScoped
public class NotifyJobs {
  private static final Logger LOG = Logger.getLogger(NotifyJobs.class);
  private static final Duration MIN_RETENTION = Duration.ofDays(30);
  private final DeliveryWorker worker;
  private final InboxProcessor processor;
  private final SqlNotificationInbox inbox;
  private final PanacheDeliveryOutbox outbox;
  private final NotifyConfig config;
  private final Clock clock;
  private final ClusterRunner runner;

  @Inject
  public NotifyJobs(
      DeliveryWorker worker,
      InboxProcessor processor,
      SqlNotificationInbox inbox,
      PanacheDeliveryOutbox outbox,
      NotifyConfig config,
      Clock clock,
      ClusterRunner runner) {
    this.worker = worker;
    this.processor = processor;
    this.inbox = inbox;
    this.outbox = outbox;
    this.config = config;
    this.clock = clock;
    this.runner = runner;
  }

  @Scheduled(
      every = "${ecrhub.notify.delivery.poll:2s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void deliver() {
    try {
      worker.deliverDue();
    } catch (RuntimeException e) {
      LOG.warnf("Webhook delivery pass failed (%s); the next pass retries", e.getMessage());
    }
  }

  @Scheduled(
      every = "${ecrhub.notify.sweep-every:60s}",
      delayed = "10s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void sweep() {
    try {
      int changed = processor.sweep(100);
      if (changed > 0) {
        LOG.infof("%d parked or unapplied notification(s) applied by the sweep", changed);
      }
    } catch (RuntimeException e) {
      LOG.warnf("Notification sweep failed (%s); the next pass retries", e.getMessage());
    }
  }

  @Scheduled(every = "1h", delayed = "2m", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void purge() {
    if (!runner.leads()) {
      return; // another instance runs the cluster-wide jobs (ADR 0019)
    }
    Duration retention =
        config.retention().compareTo(MIN_RETENTION) < 0 ? MIN_RETENTION : config.retention();
    Instant cutoff = clock.instant().minus(retention);
    // each purge commits on its own (@Transactional on the stores; no transaction runs here)
    int inboxRows = inbox.purgeReceivedBefore(cutoff);
    int rejected = inbox.capRejected(config.rejectedCap());
    int deliveries = outbox.purgeFinishedBefore(cutoff);
    if (inboxRows + rejected + deliveries > 0) {
      LOG.infof(
          "Purged %d notification(s) older than %s, %d rejected over the cap, %d finished deliveries",
          inboxRows, retention, rejected, deliveries);
    }
  }
}

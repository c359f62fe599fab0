package io.ecrhub.app.notify;

import io.ecrhub.app.metrics.MeteredWebhookSender;
import io.ecrhub.app.notify.persistence.PanacheDeliveryOutbox;
import io.ecrhub.app.notify.persistence.PanacheSubscriptions;
import io.ecrhub.app.notify.persistence.SqlNotificationInbox;
import io.ecrhub.app.persistence.PaymentLookups;
import io.ecrhub.domain.notification.NotificationApplier;
import io.ecrhub.domain.notification.delivery.BackoffSchedule;
import io.ecrhub.domain.notification.delivery.DeliveryReplay;
import io.ecrhub.domain.notification.delivery.DeliveryWorker;
import io.ecrhub.domain.notification.delivery.WebhookPing;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.notify.delivery.FanOut;
import io.ecrhub.notify.delivery.HttpWebhookSender;
import io.ecrhub.notify.delivery.TargetGuard;
import io.ecrhub.notify.intake.Cidr;
import io.ecrhub.notify.intake.GroupCommit;
import io.ecrhub.notify.intake.InboxProcessor;
import io.ecrhub.notify.intake.KeyRing;
import io.ecrhub.notify.intake.NotificationIntake;
import io.ecrhub.notify.intake.NotificationParser;
import io.ecrhub.notify.intake.RejectSampler;
import io.ecrhub.notify.intake.SenderAllowList;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.DefaultBean;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/** CDI wiring of the notification intake, the applier and the delivery worker. */
public class NotifyWiring {

  /**
   * Used only when the rest of the hub provides no {@link EventPublisher}: committed events then go
   * straight to the notification side (fan-out, parked retries).
   */
  @Produces
  @Singleton
  @DefaultBean
  EventPublisher events(NotifyEventSink sink) {
    return sink::accept;
  }

  @Produces
  @Singleton
  NotificationParser parser(NotifyConfig config) {
    return new NotificationParser(config.defaultCurrency());
  }

  @Produces
  @Singleton
  NotificationApplier applier(
      Payments payments,
      Refunds refunds,
      UnitOfWork unitOfWork,
      EventPublisher events,
      Clock clock,
      IdGenerator ids,
      PaymentLookups matcher) {
    return new NotificationApplier(payments, refunds, unitOfWork, events, clock, ids, matcher);
  }

  @Produces
  @Singleton
  InboxProcessor processor(
      SqlNotificationInbox inbox,
      NotificationParser parser,
      NotificationApplier applier,
      @Named("notification-appliers") Executor appliers) {
    return new InboxProcessor(inbox, parser, applier, appliers);
  }

  /**
   * Where a just-stored notification is applied: on the request thread (default, so {@code SUCCESS}
   * means applied as well as stored), or on a small pool with a bounded queue when {@code
   * ecrhub.notify.apply-inline=false} (a full queue leaves work to the sweep).
   */
  @Produces
  @Singleton
  @Named("notification-appliers")
  Executor appliers(NotifyConfig config) {
    if (config.applyInline()) {
      return Runnable::run;
    }
    AtomicInteger n = new AtomicInteger();
    return new ThreadPoolExecutor(
        2,
        2,
        1,
        TimeUnit.MINUTES,
        new ArrayBlockingQueue<>(10_000),
        r -> {
          Thread t = new Thread(r, "notification-apply-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        },
        new ThreadPoolExecutor.AbortPolicy());
  }

  @Produces
  @Singleton
  FanOut fanOut(PanacheSubscriptions subscriptions, PanacheDeliveryOutbox outbox, IdGenerator ids) {
    return new FanOut(subscriptions, outbox, ids);
  }

  @Produces
  @Singleton
  NotificationIntake intake(
      KeyRingHolder keys,
      NotificationParser parser,
      SqlNotificationInbox inbox,
      UnitOfWork unitOfWork,
      Clock clock,
      IdGenerator ids,
      InboxProcessor processor,
      FanOut fanOut,
      NotifyConfig config,
      RejectSampler samples) {
    if (config.maxKeyTries() < 1 || config.maxKeyTries() > KeyRing.MAX_TRIES) {
      throw new IllegalStateException(
          "ecrhub.notify.max-key-tries must be 1 to "
              + KeyRing.MAX_TRIES
              + " (each tried key costs a digest of an unauthenticated body), not "
              + config.maxKeyTries());
    }
    // Applying inline: store and apply in one transaction (one commit per new notification).
    return new NotificationIntake(
        keys::current,
        parser,
        inbox,
        unitOfWork,
        clock,
        ids,
        processor,
        (entry, n, now) -> fanOut.recordNotification(n, entry.rawBody(), now),
        config.applyInline() && config.storeAndApplyTogether(),
        samples);
  }

  @Produces
  @Singleton
  RejectSampler rejectSampler(NotifyConfig config, Clock clock) {
    NotifyConfig.RejectedSamples r = config.rejectedSamples();
    return new RejectSampler(r.perSource(), r.perMinute(), clock);
  }

  /**
   * The intake's own bounded executor (ADR 0009): stores what the group commit's writers do not.
   * Its threads and the writers are the intake's whole connection budget; a full queue refuses the
   * task and the notification is answered 503 with {@code Retry-After}.
   */
  @Produces
  @Singleton
  @Named("notification-intake")
  ThreadPoolExecutor intakeExecutor(NotifyConfig config, MeterRegistry registry) {
    NotifyConfig.Intake i = config.intake();
    AtomicInteger n = new AtomicInteger();
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(
            i.threads(),
            i.threads(),
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(i.queue()),
            r -> {
              Thread t = new Thread(r, "notification-intake-" + n.incrementAndGet());
              t.setDaemon(true);
              return t;
            },
            new ThreadPoolExecutor.AbortPolicy());
    Gauge.builder("ecrhub.notify.intake.waiting", pool, p -> p.getQueue().size())
        .description("Intake tasks waiting for the intake's own threads (503 when full)")
        .register(registry);
    return pool;
  }

  void closeIntakeExecutor(@Disposes @Named("notification-intake") ThreadPoolExecutor pool) {
    pool.shutdown();
  }

  /** Group commit of the intake; stores what it must store alone on the intake's executor. */
  @Produces
  @Singleton
  GroupCommit groupCommit(
      NotificationIntake intake,
      @Named("notification-intake") ThreadPoolExecutor workers,
      NotifyConfig config,
      MeterRegistry registry) {
    NotifyConfig.GroupCommit g = config.groupCommit();
    DistributionSummary sizes =
        DistributionSummary.builder("ecrhub.notify.group.size")
            .description("Notifications stored per intake transaction (group commit; 1 = alone)")
            .register(registry);
    GroupCommit groupCommit =
        new GroupCommit(
            intake,
            workers,
            new GroupCommit.Settings(g.writers(), g.maxSize(), g.queue()),
            sizes::record);
    Gauge.builder("ecrhub.notify.queued", groupCommit, GroupCommit::queued)
        .description("Verified notifications waiting to be stored")
        .register(registry);
    return groupCommit;
  }

  void closeGroupCommit(@Disposes GroupCommit groupCommit) {
    groupCommit.close();
  }

  @Produces
  @Singleton
  SenderAllowList allowList(NotifyConfig config) {
    List<Cidr> proxies =
        config.trustedProxies().orElse(List.of()).stream().map(Cidr::parse).toList();
    List<Cidr> allowed = config.allowList().addresses().stream().map(Cidr::parse).toList();
    return new SenderAllowList(config.allowList().enabled(), allowed, proxies);
  }

  @Produces
  @Singleton
  TargetGuard targetGuard() {
    return TargetGuard.system();
  }

  @Produces
  @Singleton
  HttpWebhookSender sender(TargetGuard guard, NotifyConfig config) {
    NotifyConfig.Delivery d = config.delivery();
    return new HttpWebhookSender(
        guard,
        new HttpWebhookSender.Settings(d.connectTimeout(), d.readTimeout(), d.snippetBytes()));
  }

  @Produces
  @Singleton
  BackoffSchedule backoff(NotifyConfig config) {
    NotifyConfig.Delivery d = config.delivery();
    return new BackoffSchedule(
        d.initialBackoff(),
        d.backoffMultiplier(),
        d.maxBackoff(),
        d.giveUpAfter(),
        d.maxAttempts());
  }

  @Produces
  @Singleton
  @Named("webhook-senders")
  ExecutorService senders(NotifyConfig config) {
    AtomicInteger n = new AtomicInteger();
    return Executors.newFixedThreadPool(
        config.delivery().threads(),
        r -> {
          Thread t = new Thread(r, "webhook-sender-" + n.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
  }

  void closeSenders(@Disposes @Named("webhook-senders") ExecutorService pool) {
    pool.shutdownNow();
  }

  @Produces
  @Singleton
  DeliveryWorker worker(
      PanacheDeliveryOutbox outbox,
      PanacheSubscriptions subscriptions,
      HttpWebhookSender sender,
      UnitOfWork unitOfWork,
      Clock clock,
      BackoffSchedule backoff,
      @Named("webhook-senders") ExecutorService senders,
      NotifyConfig config,
      MeterRegistry registry) {
    NotifyConfig.Delivery d = config.delivery();
    Duration lease = d.connectTimeout().plus(d.readTimeout()).plusSeconds(60);
    SecureRandom random = new SecureRandom();
    return new DeliveryWorker(
        outbox,
        subscriptions,
        new MeteredWebhookSender(sender, registry),
        unitOfWork,
        clock,
        backoff,
        random::nextDouble,
        senders,
        new DeliveryWorker.Settings(d.batchSize(), lease));
  }

  /** The {@code webhook.test} ping: sent at once by the same sender, logged like a delivery. */
  @Produces
  @Singleton
  WebhookPing ping(
      PanacheSubscriptions subscriptions,
      PanacheDeliveryOutbox outbox,
      HttpWebhookSender sender,
      UnitOfWork unitOfWork,
      Clock clock,
      IdGenerator ids,
      NotifyConfig config) {
    NotifyConfig.Delivery d = config.delivery();
    Duration lease = d.connectTimeout().plus(d.readTimeout()).plusSeconds(60);
    return new WebhookPing(subscriptions, outbox, sender, unitOfWork, clock, ids, lease);
  }

  @Produces
  @Singleton
  DeliveryReplay replay(PanacheDeliveryOutbox outbox, UnitOfWork unitOfWork, Clock clock) {
    return new DeliveryReplay(outbox, unitOfWork, clock);
  }
}

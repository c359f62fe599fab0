package io.ecrhub.app.notify;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.notify.delivery.FanOut;
import io.ecrhub.notify.intake.InboxProcessor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * Reacts to committed hub events, off the publisher's thread: queues them for hub-event subscribers
 * (durable outbox) and retries parked notifications that refer to the payment that just appeared or
 * changed, so the order in which a notification and its transaction arrive does not matter.
 */
@ApplicationScoped
public class NotifyEventSink {
  private static final Logger LOG = Logger.getLogger(NotifyEventSink.class);
  private final FanOut fanOut;
  private final InboxProcessor processor;
  private final Payments payments;
  private final Clock clock;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "notify-events");
            t.setDaemon(true);
            return t;
          });

  @Inject
  public NotifyEventSink(FanOut fanOut, InboxProcessor processor, Payments payments, Clock clock) {
    this.fanOut = fanOut;
    this.processor = processor;
    this.payments = payments;
    this.clock = clock;
  }

  /**
   * Committed events fired as CDI events (by an {@link io.ecrhub.domain.shared.EventPublisher} that
   * broadcasts that way) reach the notification side too.
   */
  void observe(@Observes DomainEvent event) {
    accept(event);
  }

  /** Hands one committed event over; returns at once. */
  public void accept(DomainEvent event) {
    try {
      executor.execute(() -> handle(event));
    } catch (RejectedExecutionException e) {
      LOG.warnf("Event %s not forwarded: shutting down", event.type());
    }
  }

  void handle(DomainEvent event) {
    try {
      QuarkusTransaction.requiringNew().run(() -> fanOut.recordEvent(event, clock.instant()));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Event %s of %s not queued for subscribers: %s",
          event.type(), event.aggregateId(), e.getMessage());
    }
    if (event instanceof TransactionEvent t && t.from() != t.to() && t.paymentId() != null) {
      try {
        payments
            .findById(new PaymentId(t.paymentId()))
            .ifPresent(
                p ->
                    processor.retryParkedFor(
                        p.outTradeNo().value(), p.syssn().map(s -> s.value()).orElse(null)));
      } catch (RuntimeException e) {
        LOG.warnf(
            "Parked notifications for %s not retried now (%s); the sweep will",
            t.paymentId(), e.getMessage());
      }
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
  }
}

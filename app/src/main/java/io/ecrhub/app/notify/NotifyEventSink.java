package io.ecrhub.app.notify;

import io.ecrhub.app.events.AfterCommit;
import io.ecrhub.app.events.EventSubscriber;
import io.ecrhub.app.notify.persistence.SqlNotificationInbox;
import io.ecrhub.app.persistence.PaymentLookups;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.ecrhub.notify.delivery.FanOut;
import io.ecrhub.notify.intake.InboxProcessor;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import org.jboss.logging.Logger;

/**
 * The notification side of hub events. {@link #record} queues an event for hub-event webhook
 * subscribers in the caller's transaction, the one that made the change (the durable outbox: the
 * webhook is queued exactly when the change commits). {@link #committed}, called only after that
 * commit, retries parked notifications that refer to the payment that just appeared or changed, off
 * the caller's thread, so the order in which a notification and its transaction arrive does not
 * matter. It follows the hub's events as an {@link EventSubscriber}.
 */
@ApplicationScoped
public class NotifyEventSink implements EventSubscriber {
  private static final Logger LOG = Logger.getLogger(NotifyEventSink.class);
  private final FanOut fanOut;
  private final InboxProcessor processor;
  private final PaymentLookups payments;
  private final SqlNotificationInbox inbox;
  private final Clock clock;
  private final AfterCommit afterCommit;
  private final ExecutorService executor =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "notify-events");
            t.setDaemon(true);
            return t;
          });

  @Inject
  public NotifyEventSink(
      FanOut fanOut,
      InboxProcessor processor,
      PaymentLookups payments,
      SqlNotificationInbox inbox,
      Clock clock,
      AfterCommit afterCommit) {
    this.fanOut = fanOut;
    this.processor = processor;
    this.payments = payments;
    this.inbox = inbox;
    this.clock = clock;
    this.afterCommit = afterCommit;
  }

  /**
   * As an {@link io.ecrhub.domain.shared.EventPublisher} on its own (when the hub provides none):
   * records the event in the current transaction (or a new one) and does the rest after commit.
   */
  @Transactional
  public void accept(DomainEvent event) {
    record(event);
    afterCommit.run(() -> committed(event));
  }

  /**
   * Queues the event for matching hub-event subscribers in the caller's transaction; a failure
   * fails (rolls back) that transaction, so a change is never committed without its webhooks.
   */
  @Override
  public void record(DomainEvent event) {
    fanOut.recordEvent(event, clock.instant());
  }

  /**
   * After the event's transaction committed: hands the non-critical part over; returns at once.
   * Only changes that can make a parked notification match are followed up ({@link #revealsIds});
   * other changes reveal nothing a notification is matched by, and the periodic sweep covers any
   * race.
   */
  @Override
  public void committed(DomainEvent event) {
    if (!(event instanceof TransactionEvent t) || t.paymentId() == null || !revealsIds(t)) {
      return;
    }
    try {
      executor.execute(() -> retryParkedFor(t));
    } catch (RejectedExecutionException e) {
      LOG.warnf("Event %s not forwarded: shutting down", event.type());
    }
  }

  /**
   * Whether the change can make a parked notification match: an external payment or refund that
   * appears (recorded from QFPay's word, so a notification about it may have arrived first) or one
   * that succeeds (its syssn is new). One the hub starts appears PENDING with an out_trade_no drawn
   * in that same transaction and sent to QFPay only after its commit, and no syssn yet: no
   * notification can refer to it, so the hub's own payments cost the look-up once, on success, not
   * twice.
   */
  static boolean revealsIds(TransactionEvent t) {
    if (t.from() == t.to()) {
      return false;
    }
    return t.to() == TransactionStatus.SUCCEEDED
        || (t.from() == null && t.to() != TransactionStatus.PENDING);
  }

  private void retryParkedFor(TransactionEvent t) {
    try {
      parkedFor(new PaymentId(t.paymentId()))
          .ifPresent(ids -> processor.retryParkedFor(ids.outTradeNo(), ids.syssn()));
    } catch (RuntimeException e) {
      LOG.warnf(
          "Parked notifications for %s not retried now (%s); the sweep will",
          t.paymentId(), e.getMessage());
    }
  }

  /**
   * The payment's identifiers if a parked notification refers to its out_trade_no or syssn: two
   * indexed look-ups (the payment by id, the inbox by reference), in the caller's transaction if
   * any. Nearly always empty (QFPay notifies only after the terminal was paid, which is after the
   * payment was recorded), so the full retry runs only when it can match something.
   */
  Optional<PaymentLookups.Identifiers> parkedFor(PaymentId paymentId) {
    return payments
        .identifiers(paymentId)
        .filter(ids -> inbox.anyParkedFor(ids.outTradeNo(), ids.syssn()));
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
  }
}

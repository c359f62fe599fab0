package io.ecrhub.app.notify;

import io.ecrhub.app.events.AfterCommit;
import io.ecrhub.app.events.EventSubscriber;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.ecrhub.notify.delivery.FanOut;
import io.ecrhub.notify.intake.InboxProcessor;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import javax.sql.DataSource;
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
  private static final String PARKED_FOR_PAYMENT =
      "SELECT 1 FROM notification_inbox n WHERE n.status = 'PARKED' AND ("
          + " n.trade_ref IN (SELECT p.out_trade_no FROM payment p WHERE p.id = ?)"
          + " OR n.syssn_ref IN (SELECT p.syssn FROM payment p WHERE p.id = ?)) LIMIT 1";
  private final FanOut fanOut;
  private final InboxProcessor processor;
  private final Payments payments;
  private final Clock clock;
  private final AfterCommit afterCommit;
  private final DataSource dataSource;
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
      Payments payments,
      Clock clock,
      AfterCommit afterCommit,
      DataSource dataSource) {
    this.fanOut = fanOut;
    this.processor = processor;
    this.payments = payments;
    this.clock = clock;
    this.afterCommit = afterCommit;
    this.dataSource = dataSource;
  }

  /**
   * As an {@link io.ecrhub.domain.shared.EventPublisher} on its own (when the hub provides none):
   * records the event in the current transaction (or a new one) and does the rest after commit.
   */
  public void accept(DomainEvent event) {
    QuarkusTransaction.joiningExisting()
        .run(
            () -> {
              record(event);
              afterCommit.run(() -> committed(event));
            });
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
   * Only changes that can make a parked notification match are followed up: a payment or refund
   * that appears (its out_trade_no is new) and one that succeeds (its syssn is new); other changes
   * reveal nothing a notification is matched by, and the periodic sweep covers any race.
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

  private static boolean revealsIds(TransactionEvent t) {
    return t.from() != t.to() && (t.from() == null || t.to() == TransactionStatus.SUCCEEDED);
  }

  private void retryParkedFor(TransactionEvent t) {
    try {
      if (!anyParkedFor(t.paymentId())) {
        return;
      }
      payments
          .findById(new PaymentId(t.paymentId()))
          .ifPresent(
              p ->
                  processor.retryParkedFor(
                      p.outTradeNo().value(), p.syssn().map(s -> s.value()).orElse(null)));
    } catch (SQLException | RuntimeException e) {
      LOG.warnf(
          "Parked notifications for %s not retried now (%s); the sweep will",
          t.paymentId(), e.getMessage());
    }
  }

  /**
   * Whether a parked notification refers to the payment's out_trade_no or syssn: one indexed query,
   * no transaction. Nearly always false (QFPay notifies only after the terminal was paid, which is
   * after the payment was recorded), so the full retry runs only when it can match something.
   */
  private boolean anyParkedFor(String paymentId) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return anyParkedFor(c, paymentId);
    }
  }

  /** {@link #anyParkedFor(String)} on the given connection (tests run it inside a rollback). */
  static boolean anyParkedFor(Connection c, String paymentId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(PARKED_FOR_PAYMENT)) {
      ps.setString(1, paymentId);
      ps.setString(2, paymentId);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next();
      }
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdown();
  }
}

package io.ecrhub.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.notification.delivery.BackoffSchedule;
import io.ecrhub.domain.notification.delivery.DeliveryAttempt;
import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.DeliveryReplay;
import io.ecrhub.domain.notification.delivery.DeliveryStatus;
import io.ecrhub.domain.notification.delivery.DeliveryWorker;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.InMemoryDelivery;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.ecrhub.notify.delivery.LocalReceiver.Reply;
import io.ecrhub.notify.intake.NotificationParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fan-out → durable outbox → worker → real HTTP consumer on loopback. */
class FanOutDeliveryTest {
  static final Instant T0 = Instant.parse("2025-08-26T08:00:00Z");
  static final byte[] RAW =
      ("{\"status\":\"1\",\"notify_type\":\"payment\",\"syssn\":\"20250826155400087645770447\","
              + "\"out_trade_no\":\"x--1--2\",\"txamt\":\"1050\",\"respcd\":\"0000\"}")
          .getBytes(StandardCharsets.UTF_8);

  final LocalReceiver receiver;
  final InMemoryDelivery.Outbox outbox = new InMemoryDelivery.Outbox();
  final InMemoryDelivery.Subs subs = new InMemoryDelivery.Subs();
  final AtomicInteger ids = new AtomicInteger();
  final FanOut fanOut = new FanOut(subs, outbox, () -> "m" + ids.incrementAndGet());
  final StepClock clock = new StepClock(T0);
  final UnitOfWork uow =
      new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };
  final DeliveryWorker worker;

  FanOutDeliveryTest() throws IOException {
    receiver = new LocalReceiver();
    worker =
        new DeliveryWorker(
            outbox,
            subs,
            new HttpWebhookSender(
                TargetGuard.system(),
                new HttpWebhookSender.Settings(Duration.ofSeconds(5), Duration.ofSeconds(10), 256)),
            uow,
            clock,
            new BackoffSchedule(
                Duration.ofSeconds(10), 2.0, Duration.ofMinutes(1), Duration.ofMinutes(10), 3),
            () -> 0.5,
            Runnable::run,
            new DeliveryWorker.Settings(10, Duration.ofMinutes(1)));
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void consumerFailingTwiceThenSucceeding_getsTheNotificationOnTheThirdAttempt() {
    subscribe("odoo", DeliveryFormat.QFPAY, "payment.succeeded", "odoo-side-notification-key");
    QfpayNotification n = new NotificationParser("HKD").parse(RAW);
    assertThat(fanOut.recordNotification(n, RAW, T0)).isEqualTo(1);
    receiver.script(Reply.of(500, "down"), Reply.of(200, "FAIL"), Reply.of(200, "SUCCESS"));

    runUntilSettled();

    OutboxMessage m =
        outbox.rows.values().stream().map(OutboxMessage::restore).findFirst().orElseThrow();
    assertThat(m.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(outbox.attempts(m.id()))
        .extracting(DeliveryAttempt::httpStatus, DeliveryAttempt::success)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(500, false),
            org.assertj.core.groups.Tuple.tuple(200, false),
            org.assertj.core.groups.Tuple.tuple(200, true));
    assertThat(outbox.attempts(m.id()).get(0).responseSnippet()).isEqualTo("down");
    assertThat(receiver.received).hasSize(3).allSatisfy(r -> assertThat(r.body()).isEqualTo(RAW));
  }

  @Test
  void exhaustedRetries_deadLetter_thenBulkReplayDelivers() {
    subscribe("odoo", DeliveryFormat.QFPAY, "payment.*", "odoo-side-notification-key");
    fanOut.recordNotification(new NotificationParser("HKD").parse(RAW), RAW, T0);
    receiver.script(Reply.of(503, ""), Reply.of(503, ""), Reply.of(503, ""));

    runUntilSettled();
    OutboxMessage m =
        outbox.rows.values().stream().map(OutboxMessage::restore).findFirst().orElseThrow();
    assertThat(m.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(outbox.attempts(m.id())).hasSize(3);

    assertThat(new DeliveryReplay(outbox, uow, clock).replayDeadLetters("odoo", 10)).isEqualTo(1);
    runUntilSettled();

    assertThat(outbox.get(m.id()).status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(receiver.received).hasSize(4);
  }

  @Test
  void hubEvents_goOnlyToMatchingSubscribers_asEventJson() throws Exception {
    subscribe(
        "erp",
        DeliveryFormat.HUB_EVENTS,
        "payment.unknown_resolved",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    subscribe("odoo", DeliveryFormat.QFPAY, "*", "odoo-side-notification-key");
    subscribe(
        "refunds", DeliveryFormat.HUB_EVENTS, "refund.*", "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    TransactionEvent resolved =
        new TransactionEvent(
            "payment.succeeded",
            "pay_1",
            "pay_1",
            TerminalId.of("t1"),
            TransactionStatus.UNKNOWN,
            TransactionStatus.SUCCEEDED,
            "QFPay notification",
            T0);

    assertThat(fanOut.recordEvent(resolved, T0)).isEqualTo(1);
    runUntilSettled();

    assertThat(receiver.received)
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.header("webhook-signature")).startsWith("v1,");
              JsonNode json = readJson(r.body());
              assertThat(json.get("type").asText()).isEqualTo("payment.succeeded");
              assertThat(json.at("/data/id").asText()).isEqualTo("pay_1");
              assertThat(json.at("/data/from").asText()).isEqualTo("UNKNOWN");
              assertThat(json.at("/data/to").asText()).isEqualTo("SUCCEEDED");
            });
  }

  @Test
  void sameStatusChanges_areNamedUpdated_notReDeliveredAsSucceeded() {
    subscribe(
        "erp",
        DeliveryFormat.HUB_EVENTS,
        "payment.succeeded",
        "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");
    TransactionEvent flagged =
        new TransactionEvent(
            "payment.succeeded",
            "pay_1",
            "pay_1",
            TerminalId.of("t1"),
            TransactionStatus.SUCCEEDED,
            TransactionStatus.SUCCEEDED,
            "flagged for review: x",
            T0);

    assertThat(fanOut.recordEvent(flagged, T0)).isZero();
    assertThat(EventNames.of(flagged)).containsExactly("payment.updated");
  }

  @Test
  void reviewFlags_areNamedReviewRequired_andStillMatchUpdated() {
    TransactionEvent flagged =
        new TransactionEvent(
            "payment.review_required",
            "pay_1",
            "pay_1",
            TerminalId.of("t1"),
            TransactionStatus.UNKNOWN,
            TransactionStatus.UNKNOWN,
            "flagged for review: out_trade_no differs",
            T0);
    assertThat(EventNames.of(flagged))
        .containsExactly("payment.review_required", "payment.updated");
  }

  @Test
  void pausedSubscriptions_getNothingRecorded() {
    subs.save(
        subscription("odoo", DeliveryFormat.QFPAY, "*", "odoo-side-notification-key")
            .withActive(false));
    assertThat(fanOut.recordNotification(new NotificationParser("HKD").parse(RAW), RAW, T0))
        .isZero();
  }

  void runUntilSettled() {
    for (int i = 0; i < 20; i++) {
      worker.deliverDue();
      boolean pending =
          outbox.rows.values().stream()
              .map(OutboxMessage::restore)
              .anyMatch(
                  m ->
                      m.status() != DeliveryStatus.DELIVERED
                          && m.status() != DeliveryStatus.DEAD_LETTER);
      if (!pending) {
        return;
      }
      clock.step(Duration.ofMinutes(1));
    }
  }

  void subscribe(String id, DeliveryFormat format, String filter, String secret) {
    subs.save(subscription(id, format, filter, secret));
  }

  Subscription subscription(String id, DeliveryFormat format, String filter, String secret) {
    return new Subscription(
        id,
        receiver.uri("/qfpay/notify"),
        EventFilter.of(filter),
        format,
        WebhookSecret.of(secret),
        true,
        true,
        null,
        T0);
  }

  static JsonNode readJson(byte[] body) {
    try {
      return new ObjectMapper().readTree(body);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  static final class StepClock extends Clock {
    private volatile Instant now;

    StepClock(Instant now) {
      this.now = now;
    }

    void step(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneId.of("UTC");
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }

  static List<String> names(TransactionEvent e) {
    return EventNames.of(e);
  }
}

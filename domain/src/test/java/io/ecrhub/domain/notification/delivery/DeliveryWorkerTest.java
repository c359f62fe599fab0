package io.ecrhub.domain.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class DeliveryWorkerTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  final MutableClock clock = new MutableClock(T0);
  final InMemoryDelivery.Outbox outbox = new InMemoryDelivery.Outbox();
  final InMemoryDelivery.Subs subs = new InMemoryDelivery.Subs();
  final ScriptedSender sender = new ScriptedSender();
  final UnitOfWork uow =
      new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };
  final BackoffSchedule backoff =
      new BackoffSchedule(
          Duration.ofSeconds(10), 2.0, Duration.ofMinutes(5), Duration.ofHours(1), 4);
  final DeliveryWorker worker =
      new DeliveryWorker(
          outbox,
          subs,
          sender,
          uow,
          clock,
          backoff,
          () -> 0.0,
          Runnable::run,
          new DeliveryWorker.Settings(10, Duration.ofMinutes(2)));

  @Test
  void consumerFailsTwiceThenSucceeds_isDeliveredOnTheThirdAttempt_withEveryAttemptLogged() {
    subscription("s1", true);
    outbox.record(OutboxMessage.record("m1", "s1", "payment.succeeded", body(), T0));
    sender.script(fail(500), fail(503), ok());

    assertThat(worker.deliverDue()).isEqualTo(1);
    assertThat(outbox.get("m1").status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
    assertThat(worker.deliverDue()).as("not due yet").isZero();

    clock.advance(Duration.ofSeconds(5)); // equal jitter with draw 0: half of 10 s
    assertThat(worker.deliverDue()).isEqualTo(1);
    clock.advance(Duration.ofSeconds(10));
    assertThat(worker.deliverDue()).isEqualTo(1);

    OutboxMessage m = outbox.get("m1");
    assertThat(m.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(m.deliveredAt()).isPresent();
    assertThat(outbox.attempts("m1"))
        .extracting(
            DeliveryAttempt::attemptNo, DeliveryAttempt::httpStatus, DeliveryAttempt::success)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(1, 500, false),
            org.assertj.core.groups.Tuple.tuple(2, 503, false),
            org.assertj.core.groups.Tuple.tuple(3, 200, true));
  }

  @Test
  void exhaustedSchedule_deadLetters_andReplayDeliversIt() {
    subscription("s1", true);
    outbox.record(OutboxMessage.record("m1", "s1", "payment.succeeded", body(), T0));
    sender.script(fail(500), fail(500), fail(500), fail(500), ok());

    for (int i = 0; i < 10 && outbox.get("m1").status() != DeliveryStatus.DEAD_LETTER; i++) {
      worker.deliverDue();
      clock.advance(Duration.ofMinutes(5));
    }
    assertThat(outbox.get("m1").status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(outbox.attempts("m1")).hasSize(4);
    assertThat(outbox.get("m1").lastError()).contains("HTTP 500");

    DeliveryReplay replay = new DeliveryReplay(outbox, uow, clock);
    assertThat(replay.replayDeadLetters(null, 100)).isEqualTo(1);
    assertThat(outbox.get("m1").status()).isEqualTo(DeliveryStatus.RECORDED);
    worker.deliverDue();

    assertThat(outbox.get("m1").status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(outbox.attempts("m1")).hasSize(5);
  }

  @Test
  void replayOfAMessageStillScheduled_isRefused() {
    subscription("s1", true);
    outbox.record(OutboxMessage.record("m1", "s1", "payment.succeeded", body(), T0));

    assertThatThrownBy(() -> new DeliveryReplay(outbox, uow, clock).replay("m1"))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.code()).isEqualTo("ILLEGAL_DELIVERY_TRANSITION"));
  }

  @Test
  void messageOfADeletedSubscription_isDeadLetteredWithoutACall() {
    outbox.record(OutboxMessage.record("m1", "gone", "payment.succeeded", body(), T0));

    worker.deliverDue();

    assertThat(outbox.get("m1").status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(outbox.get("m1").lastError())
        .hasValueSatisfying(e -> assertThat(e).contains("gone"));
    assertThat(sender.calls).isEmpty();
  }

  @Test
  void senderThrowing_countsAsAFailedAttempt() {
    subscription("s1", true);
    outbox.record(OutboxMessage.record("m1", "s1", "payment.succeeded", body(), T0));
    sender.throwNext = true;

    worker.deliverDue();

    assertThat(outbox.get("m1").status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
    assertThat(outbox.attempts("m1"))
        .singleElement()
        .satisfies(a -> assertThat(a.success()).isFalse());
  }

  @Test
  void aMessageClaimedByAnotherWorker_isNotSentTwice() {
    subscription("s1", true);
    outbox.record(OutboxMessage.record("m1", "s1", "payment.succeeded", body(), T0));
    OutboxMessage other = outbox.get("m1");
    other.claim(T0, Duration.ofMinutes(2));
    outbox.save(other); // the other instance's claim commits first

    assertThat(worker.deliverDue()).isZero();
    assertThat(sender.calls).isEmpty();

    clock.advance(Duration.ofMinutes(3)); // its lease expired: the message is due again
    sender.script(ok());
    assertThat(worker.deliverDue()).isEqualTo(1);
    assertThat(outbox.get("m1").status()).isEqualTo(DeliveryStatus.DELIVERED);
  }

  // ---- fixtures

  void subscription(String id, boolean active) {
    subs.save(
        new Subscription(
            id,
            URI.create("https://erp.example.com/qfpay/notify"),
            EventFilter.of("*"),
            DeliveryFormat.QFPAY,
            WebhookSecret.of("subscriber-secret"),
            false,
            active,
            null,
            T0));
  }

  static byte[] body() {
    return "{\"syssn\":\"1\"}".getBytes(StandardCharsets.UTF_8);
  }

  static SendResult ok() {
    return new SendResult(true, 200, Duration.ofMillis(3), "SUCCESS", null);
  }

  static SendResult fail(int status) {
    return new SendResult(false, status, Duration.ofMillis(3), "oops", "HTTP " + status);
  }

  static final class ScriptedSender implements WebhookSender {
    final Deque<SendResult> script = new ArrayDeque<>();
    final List<String> calls = new CopyOnWriteArrayList<>();
    boolean throwNext;

    void script(SendResult... results) {
      script.addAll(List.of(results));
    }

    @Override
    public SendResult send(Subscription subscription, OutboxMessage message, Instant now) {
      calls.add(message.id());
      if (throwNext) {
        throwNext = false;
        throw new IllegalStateException("boom");
      }
      return script.isEmpty() ? fail(599) : script.pop();
    }
  }

  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
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
}

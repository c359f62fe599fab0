package io.ecrhub.domain.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class WebhookPingAndRotationModelTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");
  static final WebhookSecret OLD = WebhookSecret.of("whsec_b2xkLXNlY3JldC1vbGQtc2VjcmV0LW9sZA==");
  static final WebhookSecret NEW = WebhookSecret.of("whsec_bmV3LXNlY3JldC1uZXctc2VjcmV0LW5ldw==");
  final DeliveryWorkerTest.MutableClock clock = new DeliveryWorkerTest.MutableClock(T0);
  final InMemoryDelivery.Outbox outbox = new InMemoryDelivery.Outbox();
  final InMemoryDelivery.Subs subs = new InMemoryDelivery.Subs();
  final DeliveryWorkerTest.ScriptedSender sender = new DeliveryWorkerTest.ScriptedSender();
  final UnitOfWork uow =
      new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };
  int n;
  final WebhookPing ping =
      new WebhookPing(subs, outbox, sender, uow, clock, () -> "p" + (++n), Duration.ofMinutes(2));

  static Subscription hubEvents(String id, boolean active) {
    return new Subscription(
        id,
        URI.create("https://erp.example.com/hooks"),
        EventFilter.of("refund.succeeded"),
        DeliveryFormat.HUB_EVENTS,
        OLD,
        false,
        active,
        null,
        T0);
  }

  @Test
  void rotation_signsWithBoth_untilTheOverlapEnds_thenWithTheNewOnly() {
    Subscription rotated = hubEvents("s1", true).rotated(NEW, T0, Duration.ofHours(24));

    assertThat(rotated.signingSecrets(T0)).containsExactly(NEW, OLD);
    assertThat(rotated.signingSecrets(T0.plus(Duration.ofHours(24)).minusMillis(1)))
        .containsExactly(NEW, OLD);
    assertThat(rotated.signingSecrets(T0.plus(Duration.ofHours(24)))).containsExactly(NEW);
    assertThat(rotated.previousSecretUntil()).isEqualTo(T0.plus(Duration.ofHours(24)));
    assertThat(rotated.toString()).doesNotContain(OLD.reveal()).doesNotContain(NEW.reveal());
  }

  @Test
  void rotatingAgain_dropsTheOldest_andAZeroOverlapSwitchesAtOnce() {
    WebhookSecret third = WebhookSecret.of("whsec_dGhpcmQtc2VjcmV0LXRoaXJkLXNlY3JldA==");
    Subscription twice =
        hubEvents("s1", true)
            .rotated(NEW, T0, Duration.ofHours(1))
            .rotated(third, T0.plusSeconds(60), Duration.ofHours(1));

    assertThat(twice.signingSecrets(T0.plusSeconds(61))).containsExactly(third, NEW);
    assertThat(hubEvents("s1", true).rotated(NEW, T0, Duration.ZERO).signingSecrets(T0))
        .containsExactly(NEW);
    assertThat(
            hubEvents("s1", true)
                .rotated(NEW, T0, Duration.ofHours(1))
                .withSecret(OLD)
                .signingSecrets(T0))
        .containsExactly(OLD);
  }

  @Test
  void rotation_ofAQfpaySubscription_isRefused() {
    Subscription qfpay =
        new Subscription(
            "q1",
            URI.create("https://odoo.example.com/qfpay/notify"),
            EventFilter.of("*"),
            DeliveryFormat.QFPAY,
            WebhookSecret.of("odoo-key"),
            false,
            true,
            null,
            T0);

    assertThatThrownBy(() -> qfpay.rotated(NEW, T0, Duration.ofHours(1)))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.code()).isEqualTo("SECRET_ROTATION_UNSUPPORTED"));
  }

  @Test
  void ping_sendsOnceWhateverTheFilter_logsTheAttempt_andIsNeverPickedUpByTheWorker() {
    subs.save(hubEvents("s1", false)); // paused, filter without webhook.test: sent anyway
    sender.script(DeliveryWorkerTest.ok());

    DeliveryAttempt a = ping.ping("s1");

    assertThat(a.success()).isTrue();
    assertThat(a.httpStatus()).isEqualTo(200);
    assertThat(sender.calls).containsExactly(a.messageId());
    OutboxMessage m = outbox.get(a.messageId());
    assertThat(m.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(m.eventType()).isEqualTo("webhook.test");
    assertThat(new String(m.body(), StandardCharsets.UTF_8))
        .isEqualTo(
            "{\"type\":\"webhook.test\",\"timestamp\":\"2025-01-01T00:00:00Z\","
                + "\"data\":{\"id\":\"s1\",\"object\":\"subscription\"}}");
    assertThat(outbox.attempts(a.messageId())).containsExactly(a);
  }

  @Test
  void failedPing_isDeadLetteredAtOnce_notRetried() {
    subs.save(hubEvents("s1", true));
    sender.script(DeliveryWorkerTest.fail(401));

    DeliveryAttempt a = ping.ping("s1");

    assertThat(a.success()).isFalse();
    assertThat(a.httpStatus()).isEqualTo(401);
    assertThat(outbox.get(a.messageId()).status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(outbox.get(a.messageId()).lastError()).contains("HTTP 401");
  }

  @Test
  void ping_ofAnUnknownSubscription_isNotFound_andRecordsNothing() {
    assertThatThrownBy(() -> ping.ping("nobody"))
        .isInstanceOfSatisfying(
            NotFoundException.class, e -> assertThat(e.code()).isEqualTo("SUBSCRIPTION_NOT_FOUND"));
    assertThat(sender.calls).isEmpty();
  }
}

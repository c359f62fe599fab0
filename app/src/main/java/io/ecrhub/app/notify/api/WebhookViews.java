package io.ecrhub.app.notify.api;

import io.ecrhub.domain.notification.delivery.DeliveryAttempt;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON views of the webhook admin API (a secret appears only once, when the hub generated it). */
@RegisterForReflection
final class WebhookViews {
  private WebhookViews() {}

  @Schema(name = "WebhookSubscriptionRequest")
  record NewSubscription(
      String target,
      Set<String> events,
      String format,
      String secret,
      Boolean allowPrivateTarget,
      Boolean active,
      String description) {}

  @Schema(name = "WebhookSubscriptionChange")
  record UpdateSubscription(
      String target,
      Set<String> events,
      String secret,
      Boolean allowPrivateTarget,
      Boolean active,
      String description) {}

  @Schema(name = "WebhookSubscription")
  record SubscriptionView(
      String id,
      String target,
      List<String> events,
      String format,
      boolean allowPrivateTarget,
      boolean active,
      String description,
      Instant createdAt,
      String secret,
      Instant previousSecretExpiresAt) {
    static SubscriptionView of(Subscription s, String generatedSecret) {
      return new SubscriptionView(
          s.id(),
          s.target().toString(),
          List.copyOf(s.events().patterns()),
          s.format().wire(),
          s.allowPrivateTarget(),
          s.active(),
          s.description(),
          s.createdAt(),
          generatedSecret,
          s.previousSecretUntil());
    }
  }

  /**
   * The outcome of a {@code webhook.test} ping (also in the delivery log as {@code deliveryId}).
   */
  @Schema(name = "WebhookTestResult")
  record TestResult(
      String deliveryId,
      boolean success,
      Integer httpStatus,
      long durationMs,
      String error,
      String responseSnippet) {
    static TestResult of(DeliveryAttempt a) {
      return new TestResult(
          a.messageId(),
          a.success(),
          a.httpStatus(),
          a.latency().toMillis(),
          a.error(),
          a.responseSnippet());
    }
  }

  @Schema(name = "WebhookDelivery")
  record DeliveryView(
      String id,
      String subscriptionId,
      String eventType,
      String status,
      int attempts,
      Instant createdAt,
      Instant nextAttemptAt,
      Instant lastAttemptAt,
      Instant deliveredAt,
      String lastError) {
    static DeliveryView of(OutboxMessage m) {
      return new DeliveryView(
          m.id(),
          m.subscriptionId(),
          m.eventType(),
          m.status().name().toLowerCase(Locale.ROOT),
          m.attempts(),
          m.createdAt(),
          m.nextAttemptAt().orElse(null),
          m.lastAttemptAt().orElse(null),
          m.deliveredAt().orElse(null),
          m.lastError().orElse(null));
    }
  }

  @Schema(name = "WebhookAttempt")
  record AttemptView(
      int attemptNo,
      Instant startedAt,
      long latencyMs,
      Integer httpStatus,
      boolean success,
      String error,
      String responseSnippet) {
    static AttemptView of(DeliveryAttempt a) {
      return new AttemptView(
          a.attemptNo(),
          a.startedAt(),
          a.latency().toMillis(),
          a.httpStatus(),
          a.success(),
          a.error(),
          a.responseSnippet());
    }
  }

  @Schema(name = "WebhookDeliveryDetail")
  record DeliveryDetail(DeliveryView delivery, String body, List<AttemptView> attempts) {
    static DeliveryDetail of(OutboxMessage m, List<DeliveryAttempt> attempts) {
      return new DeliveryDetail(
          DeliveryView.of(m),
          new String(m.body(), StandardCharsets.UTF_8),
          attempts.stream().map(AttemptView::of).toList());
    }
  }

  @Schema(name = "WebhookReplayed")
  record Replayed(int replayed) {}
}

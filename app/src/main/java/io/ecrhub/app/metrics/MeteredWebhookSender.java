package io.ecrhub.app.metrics;

import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.SendResult;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.WebhookSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Decorator of the {@link WebhookSender}: counts each delivery attempt in {@code
 * ecrhub_webhook_attempts_total{result=delivered|failed}} and each failed one in {@code
 * ecrhub_webhook_failures_total{reason}} (reason: {@code http_4xx}, {@code http_5xx}, {@code
 * not_acknowledged} for another status or a 2xx without the QFPay format's {@code SUCCESS}, {@code
 * refused} when the target guard or the request refused to send, {@code no_response} for connect
 * failures and timeouts). Tags never carry URLs, subscription ids or payloads.
 */
public final class MeteredWebhookSender implements WebhookSender {
  static final List<String> REASONS =
      List.of("http_4xx", "http_5xx", "not_acknowledged", "refused", "no_response");

  private final WebhookSender delegate;
  private final Counter delivered;
  private final Counter failed;
  private final Map<String, Counter> failures = new HashMap<>();

  /** Registers every counter at once, so dashboards see zeros rather than no series. */
  public MeteredWebhookSender(WebhookSender delegate, MeterRegistry registry) {
    this.delegate = Objects.requireNonNull(delegate);
    Objects.requireNonNull(registry);
    this.delivered = attempts(registry, "delivered");
    this.failed = attempts(registry, "failed");
    for (String reason : REASONS) {
      failures.put(
          reason,
          Counter.builder("ecrhub.webhook.failures")
              .description("Failed webhook delivery attempts, by reason")
              .tag("reason", reason)
              .register(registry));
    }
  }

  /**
   * Registers the counters without a sender: at start-up (the delivery worker that counts is made
   * on its first run), so the series exist before the first delivery.
   */
  public static void register(MeterRegistry registry) {
    new MeteredWebhookSender((subscription, message, now) -> null, registry);
  }

  @Override
  public SendResult send(Subscription subscription, OutboxMessage message, Instant now) {
    SendResult result;
    try {
      result = delegate.send(subscription, message, now);
    } catch (RuntimeException e) {
      failed.increment();
      failures.get("no_response").increment();
      throw e;
    }
    if (result.success()) {
      delivered.increment();
    } else {
      failed.increment();
      failures.get(reason(result)).increment();
    }
    return result;
  }

  static String reason(SendResult result) {
    Integer status = result.httpStatus();
    if (status == null) {
      String error = result.error() == null ? "" : result.error();
      return error.startsWith("target refused") || error.startsWith("not sent")
          ? "refused"
          : "no_response";
    }
    if (status >= 500 && status <= 599) {
      return "http_5xx";
    }
    if (status >= 400 && status <= 499) {
      return "http_4xx";
    }
    return "not_acknowledged";
  }

  private static Counter attempts(MeterRegistry registry, String result) {
    return Counter.builder("ecrhub.webhook.attempts")
        .description("Webhook delivery attempts, by result")
        .tag("result", result)
        .register(registry);
  }
}

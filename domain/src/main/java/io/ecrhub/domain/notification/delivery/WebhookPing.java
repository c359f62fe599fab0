package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Sends a {@code webhook.test} ping: the message is recorded in the outbox already claimed (so the
 * worker never sends it as well), sent at once with no transaction open, and its one attempt logged
 * like any other. A ping is never retried: a failed one is dead-lettered with its reason. It goes
 * whatever the subscription's event filter, and to a paused subscription too (to test before
 * resuming it).
 */
public final class WebhookPing implements PingSubscription {
  /** The event type of a ping. */
  public static final String TYPE = "webhook.test";

  private final Subscriptions subscriptions;
  private final DeliveryOutbox outbox;
  private final WebhookSender sender;
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  private final IdGenerator ids;
  private final Duration lease;

  /**
   * @param lease how long the ping's claim keeps the worker away; longer than one send
   */
  public WebhookPing(
      Subscriptions subscriptions,
      DeliveryOutbox outbox,
      WebhookSender sender,
      UnitOfWork unitOfWork,
      Clock clock,
      IdGenerator ids,
      Duration lease) {
    this.subscriptions = Objects.requireNonNull(subscriptions);
    this.outbox = Objects.requireNonNull(outbox);
    this.sender = Objects.requireNonNull(sender);
    this.unitOfWork = Objects.requireNonNull(unitOfWork);
    this.clock = Objects.requireNonNull(clock);
    this.ids = Objects.requireNonNull(ids);
    this.lease = Objects.requireNonNull(lease);
  }

  @Override
  public DeliveryAttempt ping(String subscriptionId) {
    Subscription s =
        unitOfWork
            .inTransaction(() -> subscriptions.findById(subscriptionId))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "SUBSCRIPTION_NOT_FOUND", "no subscription " + subscriptionId));
    Instant now = clock.instant();
    OutboxMessage message =
        OutboxMessage.record("msg_" + ids.next(), s.id(), TYPE, body(s, now), now);
    message.claim(now, lease);
    unitOfWork.run(() -> outbox.record(message));
    Instant started = clock.instant();
    SendResult result;
    try {
      result = sender.send(s, message, started);
    } catch (RuntimeException e) {
      result =
          SendResult.noResponse(
              Duration.between(started, clock.instant()),
              "sender failed: " + e.getClass().getSimpleName());
    }
    DeliveryAttempt attempt =
        new DeliveryAttempt(
            message.id(),
            1,
            started,
            result.latency(),
            result.httpStatus(),
            result.success(),
            result.error(),
            result.responseSnippet());
    boolean success = result.success();
    String error = result.error();
    unitOfWork.run(
        () -> {
          outbox.appendAttempt(attempt);
          Instant end = clock.instant();
          if (success) {
            message.delivered(end);
          } else {
            message.failed(end, error, Optional.empty());
          }
          outbox.save(message);
        });
    return attempt;
  }

  /**
   * The ping's body, in the hub-event shape: {@code {"type":"webhook.test","timestamp":…,
   * "data":{"id":<subscription id>,"object":"subscription"}}}. The id is {@code [a-z0-9_-]} and the
   * timestamp ISO-8601, so neither needs escaping.
   */
  static byte[] body(Subscription s, Instant now) {
    return ("{\"type\":\""
            + TYPE
            + "\",\"timestamp\":\""
            + now
            + "\",\"data\":{\"id\":\""
            + s.id()
            + "\",\"object\":\"subscription\"}}")
        .getBytes(StandardCharsets.UTF_8);
  }
}

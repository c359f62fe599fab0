package io.ecrhub.domain.notification.delivery;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * One logged delivery attempt.
 *
 * @param attemptNo 1-based within the message's current schedule
 * @param httpStatus the consumer's status code, or null when no response arrived
 * @param error why it failed (connect refused, timeout, target refused, wrong body), or null
 * @param responseSnippet the start of the response body (bounded), or null
 */
public record DeliveryAttempt(
    String messageId,
    int attemptNo,
    Instant startedAt,
    Duration latency,
    Integer httpStatus,
    boolean success,
    String error,
    String responseSnippet) {
  public DeliveryAttempt {
    Objects.requireNonNull(messageId);
    Objects.requireNonNull(startedAt);
    Objects.requireNonNull(latency);
  }
}

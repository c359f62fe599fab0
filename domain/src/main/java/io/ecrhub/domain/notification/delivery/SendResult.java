package io.ecrhub.domain.notification.delivery;

import java.time.Duration;
import java.util.Objects;

/**
 * What one attempt to call a consumer gave.
 *
 * @param success the consumer acknowledged it (2xx, and {@code SUCCESS} for the QFPay format)
 * @param httpStatus null when no response arrived
 * @param error null on success; otherwise a short reason without secrets
 */
public record SendResult(
    boolean success, Integer httpStatus, Duration latency, String responseSnippet, String error) {
  public SendResult {
    Objects.requireNonNull(latency);
  }

  /** No response at all (refused target, connect failure, timeout). */
  public static SendResult noResponse(Duration latency, String error) {
    return new SendResult(false, null, latency, null, error);
  }
}

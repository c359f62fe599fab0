package io.ecrhub.cloud;

import java.time.Duration;

/**
 * Told about every Open API call an account makes, for metrics: which endpoint, what it came to,
 * how many HTTP attempts it took and how long it took in all (rate-limit waits and retries
 * included). It never sees parameters, keys or answers. Called on the calling thread; it must not
 * block or throw.
 */
public interface CloudCallObserver {
  /** What one call came to, as the adapter classifies it. */
  enum Outcome {
    /** HTTP 200 with a JSON answer (QFPay's own respcd may still be a refusal). */
    ANSWERED,
    /** A definite HTTP 4xx other than 429: nothing was done. */
    REJECTED,
    /** Provably not processed (never reached QFPay, or its rate limit did not clear). */
    NOT_SENT,
    /** May have been processed; no understood answer (timeout, 5xx, unreadable answer). */
    UNKNOWN
  }

  /** Tells nobody. */
  CloudCallObserver NONE = (path, outcome, attempts, elapsed) -> {};

  /**
   * One call ended.
   *
   * @param path the Open API path, e.g. {@code /trade/v1/query}
   * @param attempts HTTP requests sent for it (0 when the rate limit never let one go)
   */
  void completed(String path, Outcome outcome, int attempts, Duration elapsed);

  /** QFPay answered HTTP 429 to one attempt of a call to {@code path}. */
  default void throttled(String path) {}
}

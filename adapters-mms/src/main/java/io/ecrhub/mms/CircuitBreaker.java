package io.ecrhub.mms;

import java.time.Duration;
import java.time.Instant;

/**
 * A minimal circuit breaker for a pull source: after {@code threshold} consecutive failures it
 * opens and refuses calls for {@code openFor}; then it lets one trial through (half-open), which
 * closes it on success or opens it again on failure. Time is passed in, so tests never sleep. Not
 * thread-safe: the owner serialises calls.
 */
final class CircuitBreaker {
  /** Where the breaker stands. */
  enum State {
    CLOSED,
    OPEN,
    HALF_OPEN
  }

  private final int threshold;
  private final Duration openFor;
  private State state = State.CLOSED;
  private int failures;
  private Instant openUntil;

  CircuitBreaker(int threshold, Duration openFor) {
    this.threshold = threshold;
    this.openFor = openFor;
  }

  /** Whether a call may go ahead now; moves OPEN to HALF_OPEN once the wait is over. */
  boolean allow(Instant now) {
    if (state == State.OPEN && !now.isBefore(openUntil)) {
      state = State.HALF_OPEN;
    }
    return state != State.OPEN;
  }

  void success() {
    state = State.CLOSED;
    failures = 0;
    openUntil = null;
  }

  void failure(Instant now) {
    failures++;
    if (state == State.HALF_OPEN || failures >= threshold) {
      state = State.OPEN;
      openUntil = now.plus(openFor);
    }
  }

  State state() {
    return state;
  }

  int consecutiveFailures() {
    return failures;
  }

  Instant openUntil() {
    return openUntil;
  }
}

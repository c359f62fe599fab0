package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Exponential backoff with "equal jitter": the n-th retry waits between half and all of {@code
 * min(maxDelay, initial × multiplier^(n-1))}. Gives up after {@code maxAttempts} attempts or when
 * the next attempt would fall later than {@code giveUpAfter} past the first one. The random draw is
 * an input so schedules are testable.
 */
public record BackoffSchedule(
    Duration initial, double multiplier, Duration maxDelay, Duration giveUpAfter, int maxAttempts) {

  /** About a day of retries, like QFPay's own schedule (protocol doc §7.3). */
  public static final BackoffSchedule DEFAULT =
      new BackoffSchedule(
          Duration.ofSeconds(30), 2.0, Duration.ofHours(4), Duration.ofHours(24), 40);

  public BackoffSchedule {
    ValidationException.require(
        initial != null && !initial.isNegative() && !initial.isZero(),
        "INVALID_BACKOFF",
        "initial",
        "initial delay must be positive");
    ValidationException.require(
        multiplier >= 1.0 && multiplier <= 10.0,
        "INVALID_BACKOFF",
        "multiplier",
        "multiplier must be between 1 and 10");
    ValidationException.require(
        maxDelay != null && maxDelay.compareTo(initial) >= 0,
        "INVALID_BACKOFF",
        "maxDelay",
        "max delay must be at least the initial delay");
    ValidationException.require(
        giveUpAfter != null && !giveUpAfter.isNegative(),
        "INVALID_BACKOFF",
        "giveUpAfter",
        "give-up window must not be negative");
    ValidationException.require(
        maxAttempts >= 1 && maxAttempts <= 1000,
        "INVALID_BACKOFF",
        "maxAttempts",
        "max attempts must be 1-1000");
  }

  /** The un-jittered delay before retry number {@code retry} (1-based). */
  public Duration ceiling(int retry) {
    double millis = initial.toMillis() * Math.pow(multiplier, Math.max(0, retry - 1));
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis((long) millis);
  }

  /**
   * When to try again after {@code attemptsDone} failed attempts, or empty to give up.
   *
   * @param random a draw in [0, 1)
   */
  public Optional<Instant> next(
      int attemptsDone, Instant firstAttempt, Instant now, double random) {
    if (attemptsDone >= maxAttempts) {
      return Optional.empty();
    }
    long ceiling = ceiling(attemptsDone).toMillis();
    double r = Math.min(Math.max(random, 0.0), 1.0);
    long wait = ceiling / 2 + (long) (r * (ceiling - ceiling / 2));
    Instant next = now.plusMillis(Math.max(wait, 1));
    if (next.isAfter(firstAttempt.plus(giveUpAfter))) {
      return Optional.empty();
    }
    return Optional.of(next);
  }
}

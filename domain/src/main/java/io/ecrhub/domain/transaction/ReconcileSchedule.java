package io.ecrhub.domain.transaction;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * When to query the terminal again about a transaction in UNKNOWN: after 5 s, 15 s, 30 s, 1 min, 2
 * min, 5 min, 10 min, 30 min, then hourly, until 24 h after it was sent. After that the hub stops
 * asking on its own: the transaction stays UNKNOWN (never FAILED) and is flagged for an operator.
 */
public final class ReconcileSchedule {
  /** The delays before attempt 1, 2, 3...; after the last one, {@link #THEN_EVERY}. */
  public static final List<Duration> DELAYS =
      List.of(
          Duration.ofSeconds(5),
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(2),
          Duration.ofMinutes(5),
          Duration.ofMinutes(10),
          Duration.ofMinutes(30));

  /** The delay once {@link #DELAYS} is used up. */
  public static final Duration THEN_EVERY = Duration.ofHours(1);

  /** How long after sending the hub keeps querying on its own. */
  public static final Duration GIVE_UP_AFTER = Duration.ofHours(24);

  private ReconcileSchedule() {}

  /** The delay before the next attempt when {@code attemptsDone} attempts were made. */
  public static Duration delayAfter(int attemptsDone) {
    if (attemptsDone < 0) {
      throw new IllegalArgumentException("attemptsDone must not be negative");
    }
    return attemptsDone < DELAYS.size() ? DELAYS.get(attemptsDone) : THEN_EVERY;
  }

  /**
   * The time of the next attempt, or empty when the hub should stop asking (24 h after {@code
   * sentAt}). The last attempt is made at the 24 h mark itself.
   *
   * @param attemptsDone attempts made so far (including the one just made)
   * @param sentAt when the request went to the terminal
   */
  public static Optional<Instant> next(int attemptsDone, Instant sentAt, Instant now) {
    Instant deadline = sentAt.plus(GIVE_UP_AFTER);
    if (!now.isBefore(deadline)) {
      return Optional.empty();
    }
    Instant next = now.plus(delayAfter(attemptsDone));
    return Optional.of(next.isAfter(deadline) ? deadline : next);
  }

  /** Whether the 24 h of automatic attempts are over. */
  public static boolean givenUp(Instant sentAt, Instant now) {
    return !now.isBefore(sentAt.plus(GIVE_UP_AFTER));
  }
}

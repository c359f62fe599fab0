package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.DeclineReason;

/**
 * Why a transaction did not (or not yet) succeed: the domain's reason, the raw vendor code kept for
 * support, and a message. Any part may be absent; an UNKNOWN transaction keeps only why it is
 * unknown. A transaction without any of the three has no failure at all (see {@link #of}).
 */
public record Failure(DeclineReason reason, String code, String message) {

  /** The failure with these parts, or null when all three are absent. */
  public static Failure of(DeclineReason reason, String code, String message) {
    return reason == null && code == null && message == null
        ? null
        : new Failure(reason, code, message);
  }

  /** {@code failure} with another message (null-safe: no failure yet keeps only the message). */
  static Failure withMessage(Failure failure, String message) {
    return failure == null
        ? of(null, null, message)
        : of(failure.reason(), failure.code(), message);
  }
}

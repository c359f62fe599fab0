package io.ecrhub.simulator;

import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A misbehaviour a simulated terminal can be switched into ({@link
 * SimulatedTerminal#setFault(Fault)}). Certificate and key faults have their own methods ({@link
 * SimulatedTerminal#rotateCertificate()}, {@link SimulatedTerminal#presentForeignCertificate()},
 * {@link SimulatedTerminal#changePosKey(String)}).
 */
public sealed interface Fault {

  /** Behave normally. */
  record None() implements Fault {}

  /**
   * Approve payments and refunds (recorded, notified) but close the connection without answering.
   * Other functions answer normally.
   */
  record DropAfterApprove() implements Fault {}

  /** Process normally, but hold every answer back for {@code delay} first. */
  record Slow(Duration delay) implements Fault {
    public Slow {
      Objects.requireNonNull(delay, "delay");
      if (delay.isNegative()) {
        throw new IllegalArgumentException("delay must not be negative");
      }
    }
  }

  /**
   * Process normally (money moves), then answer bytes that are neither JSON nor Base64 nor
   * decryptable.
   */
  record Garbage() implements Fault {}

  /** The Haojin app is logged out: {@code 4007} to everything, nothing processed. */
  record LoggedOut() implements Fault {}

  /**
   * The terminal is occupied (an operator uses it): trade, refund and prints answer {@code 6002}
   * "device busy"; query and cancel still work.
   */
  record Busy() implements Fault {}

  /**
   * Someone on the LAN answers for the terminal (ADR 0007): requests of a function in {@code
   * forgers} are decoded and verified as usual but not executed (no money moves, nothing is
   * recorded); the answer is whatever its forger makes of the request's content, and a forger that
   * returns null closes the connection without an answer. Other functions work normally.
   */
  record Forge(Map<EcrFunction, Function<Map<String, Object>, EcrResponse>> forgers)
      implements Fault {
    public Forge {
      forgers = Map.copyOf(forgers);
    }

    /** Forges the answers to one function. */
    public Forge(EcrFunction function, Function<Map<String, Object>, EcrResponse> forger) {
      this(Map.of(function, forger));
    }
  }

  static Fault none() {
    return new None();
  }

  static Fault dropAfterApprove() {
    return new DropAfterApprove();
  }

  static Fault slow(Duration delay) {
    return new Slow(delay);
  }

  static Fault garbage() {
    return new Garbage();
  }

  static Fault loggedOut() {
    return new LoggedOut();
  }

  static Fault busy() {
    return new Busy();
  }
}

package io.ecrhub.domain.terminal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: per-terminal single flight that holds across hub instances sharing one database. A lease
 * expires after its time to live so a crashed instance does not wedge a terminal: a lease whose
 * {@code expiresAt} is not after {@code now} counts as free. Taking a lease must be atomic across
 * instances (exactly one of two racing holders wins).
 */
public interface TerminalLeases {
  /**
   * Takes the lease if it is free or expired, or already held by {@code holder} (re-entrant: the
   * expiry moves to {@code now + ttl}).
   *
   * @return true when {@code holder} now holds the lease until {@code now + ttl}
   */
  boolean tryAcquire(TerminalId terminalId, String holder, Duration ttl, Instant now);

  /**
   * Releases the lease if {@code holder} holds it; no-op otherwise. Takes part in the caller's unit
   * of work, so a use case frees the terminal in the same transaction that records the outcome.
   */
  void release(TerminalId terminalId, String holder);

  /** The current unexpired lease, if any. */
  Optional<Lease> current(TerminalId terminalId, Instant now);

  /** Who holds a terminal and until when. */
  record Lease(TerminalId terminalId, String holder, Instant expiresAt) {}
}

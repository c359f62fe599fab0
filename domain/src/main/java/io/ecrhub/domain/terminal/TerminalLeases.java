package io.ecrhub.domain.terminal;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: per-terminal single flight that holds across hub instances sharing one database. A lease
 * expires after a short time to live unless its holder renews it ({@link #renew}), so a crashed
 * instance frees its terminals within seconds: a lease whose {@code expiresAt} is not after {@code
 * now} counts as free (ADR 0019). Taking a lease must be atomic across instances (exactly one of
 * two racing holders wins).
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
   * Heartbeat: moves the expiry of a lease {@code holder} still holds to {@code now + ttl}. Unlike
   * {@link #tryAcquire} it never takes a lease back: a lease that has expired (another instance may
   * already be reconciling its transaction) or is held by someone else stays as it is.
   *
   * @return true when {@code holder} held the lease, unexpired at {@code now}, and now holds it
   *     until {@code now + ttl}; false when the holder has lost it
   */
  boolean renew(TerminalId terminalId, String holder, Duration ttl, Instant now);

  /**
   * Releases the lease if {@code holder} holds it; no-op otherwise. Takes part in the caller's unit
   * of work, so a use case frees the terminal in the same transaction that records the outcome.
   */
  void release(TerminalId terminalId, String holder);

  /**
   * Releases every lease held for instance {@code instanceId}, i.e. whose holder is {@code
   * instanceId:…} (expired or not), in the caller's unit of work. For an instance that has just
   * (re)started and so cannot be holding any: its transactions in flight before the restart are
   * then reconciled at once instead of after the lease expiry. Never matches another instance,
   * whatever characters the id contains; two live instances must not share an id.
   *
   * @return how many leases were released
   */
  int releaseAllHeldBy(String instanceId);

  /** The current unexpired lease, if any. */
  Optional<Lease> current(TerminalId terminalId, Instant now);

  /** Who holds a terminal and until when. */
  record Lease(TerminalId terminalId, String holder, Instant expiresAt) {}
}

package io.ecrhub.domain.transaction;

import java.time.Duration;

/**
 * Use case: keeps alive the terminal leases this instance holds for payments and refunds in flight
 * (heartbeat, ADR 0019). A lease lives for a short time to live; its holder renews it while the
 * exchange runs (card waits last minutes), so an instance that dies frees its terminals within that
 * time and another instance reconciles what it left in flight.
 */
public interface RenewLeases {
  /**
   * Renews every lease this instance holds for an exchange still running. A lease that can no
   * longer be renewed (expired, or taken over) counts as lost: the exchange's answer is then
   * recorded only if it settles the transaction by itself, otherwise reconciliation settles it.
   *
   * @return how many leases were renewed
   */
  int renewHeld();

  /** How often to call {@link #renewHeld()}: well before a lease runs out. */
  Duration renewEvery();
}

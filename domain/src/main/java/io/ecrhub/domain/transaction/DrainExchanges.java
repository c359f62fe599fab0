package io.ecrhub.domain.transaction;

/**
 * Use case: graceful drain of this instance before it stops (ADR 0024). The instance stops taking
 * new payments and refunds, lets the exchanges it drives finish, and hands over those still running
 * when the drain's bound has passed: their leases are released so another instance reconciles them
 * at once (query first, never a second send). Nothing is marked FAILED for it.
 */
public interface DrainExchanges {
  /**
   * From now on {@link StartPayment#start} and {@link RefundPayment#refund} refuse with {@code
   * HUB_DRAINING}; exchanges already started run on. Idempotent.
   */
  void stopTaking();

  /** Whether {@link #stopTaking()} was called. */
  boolean draining();

  /**
   * The payments and refunds this instance drives now: sent and waiting for their answer, or being
   * started (admitted before {@link #stopTaking()}, not yet sent).
   */
  int inFlight();

  /**
   * Hands over every exchange still in flight: its lease is released (another instance finds the
   * transaction IN_PROGRESS without a lease and reconciles it) and this instance no longer counts
   * itself its holder, so an answer that still arrives is recorded only if it settles the
   * transaction by itself (as after a lost lease, ADR 0019).
   *
   * @return how many exchanges were handed over
   */
  int handOver();
}

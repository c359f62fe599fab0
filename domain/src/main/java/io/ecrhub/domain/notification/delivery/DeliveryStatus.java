package io.ecrhub.domain.notification.delivery;

/**
 * Where an outbox message stands: RECORDED → DELIVERING → DELIVERED | RETRY_SCHEDULED → DELIVERING
 * … → DEAD_LETTER; a replay puts DEAD_LETTER or DELIVERED back to RECORDED.
 */
public enum DeliveryStatus {
  /** Durable, not attempted yet. */
  RECORDED,
  /** Claimed by a worker; the lease protects it from a second worker until it expires. */
  DELIVERING,
  /** The consumer acknowledged it. */
  DELIVERED,
  /** The last attempt failed; the next one is due at {@code nextAttemptAt}. */
  RETRY_SCHEDULED,
  /** The backoff schedule is exhausted (or the subscription is gone); replay by hand. */
  DEAD_LETTER
}

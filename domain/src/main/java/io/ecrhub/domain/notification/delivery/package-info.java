/**
 * Delivery: fan-out of received notifications and hub events to the merchant's other systems
 * through a durable outbox.
 *
 * <p>Invariants: a message is recorded (durable) before any attempt; "recorded" and "delivered" are
 * separate states; delivery is at least once, every attempt is logged, a message is dead-lettered
 * only after its backoff schedule is exhausted and can be replayed; no database transaction is held
 * while a consumer is called; secrets never print themselves.
 */
package io.ecrhub.domain.notification.delivery;

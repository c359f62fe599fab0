/**
 * Notifications: QFPay's asynchronous payment/refund notifications, their verification keys, the
 * durable inbox and how a notification settles a transaction.
 *
 * <p>Invariants: a notification is stored before it is acknowledged; it is identified by (type,
 * syssn) and applied at most once; keys never print themselves.
 */
package io.ecrhub.domain.notification;

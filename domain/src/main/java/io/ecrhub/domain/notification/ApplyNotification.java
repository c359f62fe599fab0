package io.ecrhub.domain.notification;

/**
 * Use case: apply one verified QFPay notification to the hub's payments and refunds. Idempotent:
 * applying the same notification again changes nothing.
 */
public interface ApplyNotification {
  ApplyResult apply(QfpayNotification notification);
}

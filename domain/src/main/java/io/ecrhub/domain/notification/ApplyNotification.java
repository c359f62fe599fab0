package io.ecrhub.domain.notification;

/**
 * Use case: apply one verified QFPay notification to the hub's payments and refunds. Idempotent:
 * applying the same notification again changes nothing.
 */
public interface ApplyNotification {
  ApplyResult apply(QfpayNotification notification);

  /**
   * Applies and runs {@code sameTransaction} with the result inside the same unit of work, so a
   * record of the result (e.g. the inbox status) commits together with the change it describes.
   */
  default ApplyResult apply(
      QfpayNotification notification, java.util.function.Consumer<ApplyResult> sameTransaction) {
    ApplyResult r = apply(notification);
    sameTransaction.accept(r);
    return r;
  }
}

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

  /**
   * Applies several notifications, in order, inside the caller's unit of work (a group stored in
   * one transaction); a failure propagates, so that unit of work rolls back as a whole.
   *
   * @return one result per notification, in order
   */
  default java.util.List<ApplyResult> applyAll(java.util.List<QfpayNotification> notifications) {
    return notifications.stream().map(this::apply).toList();
  }
}

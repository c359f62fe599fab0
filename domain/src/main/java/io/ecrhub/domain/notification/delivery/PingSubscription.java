package io.ecrhub.domain.notification.delivery;

/**
 * Use case: an admin sends a {@code webhook.test} message to one subscription now, signed and sent
 * like any delivery, and sees what the consumer answered.
 */
public interface PingSubscription {
  /**
   * Records a {@code webhook.test} message, sends it once (no retries) and logs the attempt.
   *
   * @return the attempt: the consumer's status, its answer's start, the error, the latency
   * @throws io.ecrhub.domain.shared.NotFoundException {@code SUBSCRIPTION_NOT_FOUND}
   */
  DeliveryAttempt ping(String subscriptionId);
}

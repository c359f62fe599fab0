package io.ecrhub.domain.notification.delivery;

/** Use case: one pass of the delivery worker over the due outbox messages. */
public interface DeliverWebhooks {
  /**
   * Claims due messages, calls their consumers (outside any transaction) and records each attempt.
   *
   * @return how many messages were attempted
   */
  int deliverDue();
}

package io.ecrhub.domain.notification.delivery;

/** Use case: an operator sends dead-lettered (or already delivered) messages again. */
public interface ReplayDeliveries {
  /** Replays one message; fails with a clear code when it is not dead-lettered or delivered. */
  OutboxMessage replay(String messageId);

  /**
   * Replays up to {@code limit} dead-lettered messages, optionally of one subscription.
   *
   * @return how many were replayed
   */
  int replayDeadLetters(String subscriptionId, int limit);
}

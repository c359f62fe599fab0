package io.ecrhub.app.events;

import io.ecrhub.domain.shared.DomainEvent;

/**
 * Follows the hub's events as {@link StoringEventPublisher} publishes them: every bean of this type
 * is told of each event twice, first in the transaction that made the change, then after that
 * transaction committed. The publisher knows the subscribers only by this type (the notification
 * side subscribes; the publisher does not name it).
 */
public interface EventSubscriber {

  /**
   * In the change's transaction, after the event was logged: durable follow-up work that must
   * commit with the change (a failure rolls the change back).
   */
  void record(DomainEvent event);

  /**
   * After the change's transaction committed, on the committing thread: must only hand work off
   * (never block, never throw).
   */
  void committed(DomainEvent event);
}

package io.ecrhub.domain.shared;

import java.util.List;

/**
 * Port: records domain events for live subscribers (SSE streams, webhooks) as part of the state
 * change that raised them.
 *
 * <p>Use cases call {@link #publish} <em>inside</em> the unit of work that made the change, after
 * saving it. An adapter stores what must not be lost (event log, webhook outbox) in that same
 * transaction, so an event is durable exactly when its change is: a rollback leaves neither, a
 * crash after commit loses neither. Anything live (waking streams, retrying parked work) happens
 * only after the commit. A failure to store an event fails the change. Called outside a unit of
 * work, an adapter stores the event in a transaction of its own.
 */
public interface EventPublisher {
  void publish(DomainEvent event);

  /**
   * Publishes several events of one change, in order, as {@link #publish} would one by one; an
   * adapter may store them together (one statement instead of one per event).
   */
  default void publishAll(List<? extends DomainEvent> events) {
    for (DomainEvent e : events) {
      publish(e);
    }
  }
}

package io.ecrhub.domain.shared;

/**
 * Port: hands domain events to live subscribers (SSE, webhooks) once the state change is durable.
 */
public interface EventPublisher {
  void publish(DomainEvent event);
}

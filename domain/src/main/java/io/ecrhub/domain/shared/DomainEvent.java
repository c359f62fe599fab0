package io.ecrhub.domain.shared;

import java.time.Instant;

/** Something that happened to an aggregate, published within the transaction that changed it. */
public interface DomainEvent {
  /** Event type such as {@code payment.succeeded}. */
  String type();

  /** Id of the aggregate the event is about. */
  String aggregateId();

  Instant occurredAt();
}

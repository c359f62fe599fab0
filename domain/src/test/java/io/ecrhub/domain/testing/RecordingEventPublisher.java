package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** An {@link EventPublisher} that keeps every event, in order. */
public final class RecordingEventPublisher implements EventPublisher {
  private final List<DomainEvent> events = new CopyOnWriteArrayList<>();

  @Override
  public void publish(DomainEvent event) {
    events.add(event);
  }

  public List<DomainEvent> events() {
    return List.copyOf(events);
  }

  /** The event types in order, e.g. {@code [payment.pending, payment.in_progress]}. */
  public List<String> types() {
    return events.stream().map(DomainEvent::type).toList();
  }

  /** The events about one aggregate, in order. */
  public List<DomainEvent> about(String aggregateId) {
    return events.stream().filter(e -> e.aggregateId().equals(aggregateId)).toList();
  }

  public void clear() {
    events.clear();
  }
}

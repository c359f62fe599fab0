package io.ecrhub.notify.intake;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * An {@link EventPublisher} that can hold events back while a piece of work runs on this thread:
 * the intake stores and applies a notification in one transaction, and the events the applier
 * publishes must not leave before that transaction has committed. Outside {@link #holding} it
 * publishes at once.
 *
 * <p>A delegate that records events in the caller's own transaction (the hub's publisher: the event
 * log and the webhook outbox are written in the business transaction, live subscribers are woken
 * after commit) needs no holding back: {@link #transactional} passes every event straight through,
 * so the events commit or roll back with the notification itself.
 */
public final class DeferringPublisher implements EventPublisher {
  private final EventPublisher delegate;
  private final ThreadLocal<List<DomainEvent>> held = new ThreadLocal<>();
  private final boolean defer;

  /** Holds events back inside {@link #holding}, for a delegate that is not transactional. */
  public DeferringPublisher(EventPublisher delegate) {
    this(delegate, true);
  }

  private DeferringPublisher(EventPublisher delegate, boolean defer) {
    this.delegate = Objects.requireNonNull(delegate);
    this.defer = defer;
  }

  /**
   * For a delegate that records each event in the transaction it is published in (and only releases
   * it to live subscribers after that commits): nothing is held back.
   */
  public static DeferringPublisher transactional(EventPublisher delegate) {
    return new DeferringPublisher(delegate, false);
  }

  @Override
  public void publish(DomainEvent event) {
    List<DomainEvent> h = held.get();
    if (h != null) {
      h.add(event);
    } else {
      delegate.publish(event);
    }
  }

  /**
   * Runs {@code work} (a whole transaction, committed when it returns) holding back the events
   * published meanwhile on this thread; publishes them in order once it has returned, drops them
   * when it throws. Nested calls join the outer one.
   */
  public <T> T holding(Supplier<T> work) {
    if (!defer || held.get() != null) {
      return work.get();
    }
    List<DomainEvent> events = new ArrayList<>();
    held.set(events);
    T result;
    try {
      result = work.get();
    } finally {
      held.remove();
    }
    events.forEach(delegate::publish);
    return result;
  }
}

package io.ecrhub.app.events;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.transaction.TransactionEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Adapter: the domain's {@link EventPublisher}. The use cases call it after their transaction
 * commits; each transaction event is appended to the durable {@link TransactionEventLog} (its id
 * becomes the SSE event id), live streams are woken, and the event is fired as a CDI event for
 * other in-process subscribers (e.g. outbound webhooks).
 */
@ApplicationScoped
public class StoringEventPublisher implements EventPublisher {
  private static final Logger LOG = Logger.getLogger(StoringEventPublisher.class);

  private final TransactionEventLog log;
  private final EventStreams streams;
  private final Event<DomainEvent> cdi;

  @Inject
  public StoringEventPublisher(
      TransactionEventLog log, EventStreams streams, Event<DomainEvent> cdi) {
    this.log = log;
    this.streams = streams;
    this.cdi = cdi;
  }

  @Override
  public void publish(DomainEvent event) {
    if (event instanceof TransactionEvent te) {
      long id = log.append(te);
      LOG.debugf("event %d %s %s", id, te.type(), te.aggregateId());
      streams.wake();
    }
    cdi.fire(event);
  }
}

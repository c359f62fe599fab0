package io.ecrhub.app.events;

import io.ecrhub.app.notify.NotifyEventSink;
import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;

/**
 * Adapter: the domain's {@link EventPublisher}, a transactional outbox. The use cases call it
 * inside the transaction that made the change; in that same transaction each transaction event is
 * appended to the durable {@link TransactionEventLog} (its id becomes the SSE event id) and queued
 * for hub-event webhook subscribers ({@link NotifyEventSink#record}, the webhook outbox). A
 * rollback leaves neither; a crash after the commit loses neither. Only after the commit are live
 * streams woken, the notification side told (retrying parked notifications), and the event fired as
 * a CDI event for other in-process subscribers. Called without a transaction, it runs in one of its
 * own.
 */
@ApplicationScoped
public class StoringEventPublisher implements EventPublisher {
  private static final Logger LOG = Logger.getLogger(StoringEventPublisher.class);

  private final TransactionEventLog log;
  private final EventStreams streams;
  private final NotifyEventSink notify;
  private final AfterCommit afterCommit;
  private final Event<DomainEvent> cdi;

  @Inject
  public StoringEventPublisher(
      TransactionEventLog log,
      EventStreams streams,
      NotifyEventSink notify,
      AfterCommit afterCommit,
      Event<DomainEvent> cdi) {
    this.log = log;
    this.streams = streams;
    this.notify = notify;
    this.afterCommit = afterCommit;
    this.cdi = cdi;
  }

  @Override
  public void publish(DomainEvent event) {
    QuarkusTransaction.joiningExisting()
        .run(
            () -> {
              if (event instanceof TransactionEvent te) {
                long id = log.append(te);
                LOG.debugf("event %d %s %s", id, te.type(), te.aggregateId());
              }
              notify.record(event);
              afterCommit.run(() -> committed(event));
            });
  }

  private void committed(DomainEvent event) {
    if (event instanceof TransactionEvent) {
      streams.wake();
    }
    notify.committed(event);
    cdi.fire(event);
  }
}

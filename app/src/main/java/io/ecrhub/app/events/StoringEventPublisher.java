package io.ecrhub.app.events;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Adapter: the domain's {@link EventPublisher}, a transactional outbox. The use cases call it
 * inside the transaction that made the change; in that same transaction each transaction event is
 * appended to the durable {@link TransactionEventLog} (its id becomes the SSE event id) and handed
 * to every {@link EventSubscriber#record} (the notification side queues it for hub-event webhook
 * subscribers there, in the webhook outbox). A rollback leaves neither; a crash after the commit
 * loses neither. Only after the commit are live streams handed the stored events (sent from
 * memory), every {@link EventSubscriber#committed} told (the notification side retries parked
 * notifications), and the event fired as a CDI event for other in-process observers. Called without
 * a transaction, it runs in one of its own.
 */
@ApplicationScoped
public class StoringEventPublisher implements EventPublisher {
  private static final Logger LOG = Logger.getLogger(StoringEventPublisher.class);

  private final TransactionEventLog log;
  private final EventStreams streams;
  private final List<EventSubscriber> subscribers;
  private final AfterCommit afterCommit;
  private final Event<DomainEvent> cdi;

  @Inject
  public StoringEventPublisher(
      TransactionEventLog log,
      EventStreams streams,
      @All List<EventSubscriber> subscribers,
      AfterCommit afterCommit,
      Event<DomainEvent> cdi) {
    this.log = log;
    this.streams = streams;
    this.subscribers = List.copyOf(subscribers);
    this.afterCommit = afterCommit;
    this.cdi = cdi;
  }

  @Override
  public void publish(DomainEvent event) {
    publishAll(List.of(event));
  }

  /**
   * The events of one change, in order: their log rows written together (one statement for several,
   * see {@link TransactionEventLog#appendAll}), each queued for webhooks and handed on after
   * commit.
   */
  @Override
  public void publishAll(List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    QuarkusTransaction.joiningExisting()
        .run(
            () -> {
              List<TransactionEvent> logged = new ArrayList<>(events.size());
              for (DomainEvent e : events) {
                if (e instanceof TransactionEvent te) {
                  logged.add(te);
                }
              }
              long[] ids = logged.isEmpty() ? new long[0] : log.appendAll(logged);
              int next = 0;
              for (DomainEvent event : events) {
                StoredEvent stored = null;
                if (event instanceof TransactionEvent te) {
                  stored = new StoredEvent(ids[next++], te);
                  LOG.debugf("event %d %s %s", stored.id(), te.type(), te.aggregateId());
                }
                for (EventSubscriber s : subscribers) {
                  s.record(event);
                }
                StoredEvent inLog = stored;
                afterCommit.run(() -> committed(event, inLog));
              }
            });
  }

  private void committed(DomainEvent event, StoredEvent stored) {
    if (stored != null) {
      streams.committed(stored);
    }
    for (EventSubscriber s : subscribers) {
      s.committed(event);
    }
    cdi.fire(event);
  }
}

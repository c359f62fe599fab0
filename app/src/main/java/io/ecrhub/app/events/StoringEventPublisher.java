package io.ecrhub.app.events;

import io.ecrhub.domain.shared.DomainEvent;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.quarkus.arc.All;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Adapter: the domain's {@link EventPublisher}, a transactional outbox. The use cases call it
 * inside the transaction that made the change; each event is handed to every {@link
 * EventSubscriber#record} there (the notification side queues it for hub-event webhook subscribers,
 * in the webhook outbox), and the transaction events are appended to the durable {@link
 * TransactionEventLog} as that transaction's last write, right before it commits (a JTA
 * synchronization): the log takes its commit-order lock there, so event ids follow the commit order
 * (ADR 0025) and no transaction waits for that lock while the holder needs something it holds. A
 * rollback leaves neither; a crash after the commit loses neither. Only after the commit are live
 * streams handed the stored events (sent from memory), every {@link EventSubscriber#committed} told
 * (the notification side retries parked notifications), and the event fired as a CDI event for
 * other in-process observers. Called without a transaction, it runs in one of its own.
 */
@ApplicationScoped
public class StoringEventPublisher implements EventPublisher {
  private static final Logger LOG = Logger.getLogger(StoringEventPublisher.class);

  /** Key of the transaction's events waiting for the commit, in the synchronization registry. */
  private static final Object PENDING = new Object();

  private final TransactionEventLog log;
  private final EventStreams streams;
  private final List<EventSubscriber> subscribers;
  private final AfterCommit afterCommit;
  private final TransactionSynchronizationRegistry registry;
  private final Event<DomainEvent> cdi;

  @Inject
  public StoringEventPublisher(
      TransactionEventLog log,
      EventStreams streams,
      @All List<EventSubscriber> subscribers,
      AfterCommit afterCommit,
      TransactionSynchronizationRegistry registry,
      Event<DomainEvent> cdi) {
    this.log = log;
    this.streams = streams;
    this.subscribers = List.copyOf(subscribers);
    this.afterCommit = afterCommit;
    this.registry = registry;
    this.cdi = cdi;
  }

  @Override
  public void publish(DomainEvent event) {
    publishAll(List.of(event));
  }

  /**
   * The events of one change, in order: each queued for webhooks now, the transaction events
   * written to the log right before the commit (with those of the transaction's other changes, one
   * statement, see {@link TransactionEventLog#appendAll}), and each handed on after the commit.
   */
  @Override
  @Transactional // joins the caller's transaction, or runs in one of its own
  public void publishAll(List<? extends DomainEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    // a transaction marked for rollback will not commit: nothing to write at its end
    Pending pending = registry.getTransactionStatus() == Status.STATUS_ACTIVE ? pending() : null;
    for (DomainEvent event : events) {
      int slot = event instanceof TransactionEvent te && pending != null ? pending.add(te) : -1;
      for (EventSubscriber s : subscribers) {
        s.record(event);
      }
      afterCommit.run(() -> committed(event, slot < 0 ? null : pending.stored(slot)));
    }
  }

  /** The current transaction's events waiting for its commit; registered once per transaction. */
  private Pending pending() {
    Pending pending = (Pending) registry.getResource(PENDING);
    if (pending == null) {
      log.prepareAppend();
      Pending fresh = new Pending();
      registry.putResource(PENDING, fresh);
      registry.registerInterposedSynchronization(
          new Synchronization() {
            @Override
            public void beforeCompletion() {
              fresh.write(log);
            }

            @Override
            public void afterCompletion(int status) {
              // the after-commit work is queued on AfterCommit, in publishing order
            }
          });
      pending = fresh;
    }
    return pending;
  }

  private void committed(DomainEvent event, StoredEvent stored) {
    if (stored != null) {
      LOG.debugf(
          "event %d %s %s", stored.id(), stored.event().type(), stored.event().aggregateId());
      streams.committed(stored);
    }
    for (EventSubscriber s : subscribers) {
      s.committed(event);
    }
    cdi.fire(event);
  }

  /** One transaction's transaction events, in publishing order, and their ids once written. */
  private static final class Pending {
    private final List<TransactionEvent> events = new ArrayList<>();
    private long[] ids;

    int add(TransactionEvent event) {
      if (ids != null) {
        throw new IllegalStateException(
            "event published after the transaction's events were written");
      }
      events.add(event);
      return events.size() - 1;
    }

    /** Right before the commit: the last write of the transaction. */
    void write(TransactionEventLog log) {
      if (ids == null && !events.isEmpty()) {
        ids = log.appendAll(events);
      }
    }

    StoredEvent stored(int slot) {
      return new StoredEvent(ids[slot], events.get(slot));
    }
  }
}

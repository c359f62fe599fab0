package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * In-memory outbox and subscriptions with optimistic versions, for the worker tests (here and in
 * adapters-notify, through the test-jar).
 */
public final class InMemoryDelivery {
  private InMemoryDelivery() {}

  public static final class Outbox implements DeliveryOutbox {
    public final Map<String, OutboxMessage.Snapshot> rows = new ConcurrentHashMap<>();
    public final List<DeliveryAttempt> attempts = new CopyOnWriteArrayList<>();

    @Override
    public void record(OutboxMessage message) {
      rows.put(message.id(), message.snapshot());
    }

    @Override
    public synchronized OutboxMessage save(OutboxMessage message) {
      OutboxMessage.Snapshot s = message.snapshot();
      OutboxMessage.Snapshot current = rows.get(s.id());
      if (current == null || current.version() != s.version()) {
        throw new ConcurrentModificationException("message " + s.id());
      }
      OutboxMessage.Snapshot next =
          new OutboxMessage.Snapshot(
              s.id(),
              s.subscriptionId(),
              s.eventType(),
              s.body(),
              s.createdAt(),
              s.status(),
              s.attempts(),
              s.firstAttemptAt(),
              s.nextAttemptAt(),
              s.lastAttemptAt(),
              s.deliveredAt(),
              s.lastError(),
              s.version() + 1);
      rows.put(s.id(), next);
      return OutboxMessage.restore(next);
    }

    @Override
    public Optional<OutboxMessage> findById(String id) {
      return Optional.ofNullable(rows.get(id)).map(OutboxMessage::restore);
    }

    @Override
    public List<OutboxMessage> findDue(Instant now, int limit) {
      return rows.values().stream()
          .map(OutboxMessage::restore)
          .filter(m -> m.isDue(now))
          .sorted(Comparator.comparing(m -> m.nextAttemptAt().orElseThrow()))
          .limit(limit)
          .toList();
    }

    @Override
    public void appendAttempt(DeliveryAttempt attempt) {
      attempts.add(attempt);
    }

    @Override
    public List<DeliveryAttempt> attempts(String messageId) {
      return attempts.stream().filter(a -> a.messageId().equals(messageId)).toList();
    }

    /** Newest first (created, then id, both descending); the cursor is the last item's id. */
    @Override
    public Page<OutboxMessage> list(
        DeliveryStatus status, String subscriptionId, String cursor, int limit) {
      Comparator<OutboxMessage> newestFirst =
          Comparator.comparing(OutboxMessage::createdAt)
              .thenComparing(OutboxMessage::id)
              .reversed();
      OutboxMessage after = cursor == null ? null : get(cursor);
      List<OutboxMessage> matching =
          rows.values().stream()
              .map(OutboxMessage::restore)
              .filter(m -> status == null || m.status() == status)
              .filter(m -> subscriptionId == null || m.subscriptionId().equals(subscriptionId))
              .filter(m -> after == null || newestFirst.compare(m, after) > 0)
              .sorted(newestFirst)
              .toList();
      List<OutboxMessage> page = matching.subList(0, Math.min(limit, matching.size()));
      String next = matching.size() > limit ? page.get(limit - 1).id() : null;
      return new Page<>(page, next);
    }

    public OutboxMessage get(String id) {
      return findById(id).orElseThrow();
    }
  }

  public static final class Subs implements Subscriptions {
    public final Map<String, Subscription> rows = new ConcurrentHashMap<>();

    @Override
    public Subscription save(Subscription subscription) {
      rows.put(subscription.id(), subscription);
      return subscription;
    }

    @Override
    public Optional<Subscription> findById(String id) {
      return Optional.ofNullable(rows.get(id));
    }

    @Override
    public List<Subscription> list() {
      return new ArrayList<>(rows.values());
    }

    @Override
    public boolean delete(String id) {
      return rows.remove(id) != null;
    }
  }
}

package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.notify.persistence.NotifyRepositories.AttemptRepository;
import io.ecrhub.app.notify.persistence.NotifyRepositories.OutboxRepository;
import io.ecrhub.app.persistence.Times;
import io.ecrhub.app.web.Cursors;
import io.ecrhub.domain.notification.delivery.DeliveryAttempt;
import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.notification.delivery.DeliveryStatus;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.OptimisticLockException;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.hibernate.StaleStateException;

/**
 * Adapter: the webhook outbox ({@code webhook_outbox}) and its attempt log ({@code
 * webhook_attempt}). Updates are optimistic on {@code version}: of two workers claiming the same
 * message, the second one's update finds no row and gives way.
 */
@ApplicationScoped
@Transactional
public class PanacheDeliveryOutbox implements DeliveryOutbox {
  private static final List<String> DUE =
      List.of(
          DeliveryStatus.RECORDED.name(),
          DeliveryStatus.RETRY_SCHEDULED.name(),
          DeliveryStatus.DELIVERING.name());
  private static final List<String> FINISHED =
      List.of(DeliveryStatus.DELIVERED.name(), DeliveryStatus.DEAD_LETTER.name());
  private final OutboxRepository outbox;
  private final AttemptRepository attempts;

  @Inject
  PanacheDeliveryOutbox(OutboxRepository outbox, AttemptRepository attempts) {
    this.outbox = outbox;
    this.attempts = attempts;
  }

  @Override
  public void record(OutboxMessage m) {
    OutboxMessage.Snapshot s = m.snapshot();
    OutboxEntity row = new OutboxEntity();
    row.id = s.id();
    row.subscriptionId = s.subscriptionId();
    row.eventType = s.eventType();
    row.body = s.body();
    row.createdAt = Times.db(s.createdAt());
    copy(s, row);
    row.version = s.version();
    outbox.persist(row);
  }

  /**
   * Stores the message's state if its row is still at the snapshot's version: the version check
   * here catches a change committed before this transaction read the row; the update's own version
   * condition catches one committed after it.
   */
  @Override
  public OutboxMessage save(OutboxMessage m) {
    OutboxMessage.Snapshot s = m.snapshot();
    OutboxEntity row = outbox.findById(s.id());
    if (row == null || row.version != s.version()) {
      throw new ConcurrentModificationException("delivery " + s.id());
    }
    copy(s, row);
    try {
      outbox.flush();
    } catch (OptimisticLockException | StaleStateException e) {
      throw new ConcurrentModificationException("delivery " + s.id());
    }
    return toDomain(row);
  }

  private static void copy(OutboxMessage.Snapshot s, OutboxEntity row) {
    row.status = s.status().name();
    row.attempts = s.attempts();
    row.firstAttemptAt = Times.db(s.firstAttemptAt());
    row.nextAttemptAt = Times.db(s.nextAttemptAt());
    row.lastAttemptAt = Times.db(s.lastAttemptAt());
    row.deliveredAt = Times.db(s.deliveredAt());
    row.lastError = Times.clip(s.lastError(), 1000);
  }

  @Override
  public Optional<OutboxMessage> findById(String id) {
    return outbox.findByIdOptional(id).map(PanacheDeliveryOutbox::toDomain);
  }

  @Override
  public List<OutboxMessage> findDue(Instant now, int limit) {
    return outbox
        .find("status in ?1 and nextAttemptAt <= ?2 order by nextAttemptAt", DUE, Times.db(now))
        .range(0, limit - 1)
        .stream()
        .map(PanacheDeliveryOutbox::toDomain)
        .toList();
  }

  @Override
  public void appendAttempt(DeliveryAttempt a) {
    AttemptEntity row = new AttemptEntity();
    row.messageId = a.messageId();
    row.attemptNo = a.attemptNo();
    row.startedAt = Times.db(a.startedAt());
    row.latencyMs = a.latency().toMillis();
    row.httpStatus = a.httpStatus();
    row.success = a.success();
    row.error = Times.clip(a.error(), 1000);
    row.responseSnippet = Times.clip(a.responseSnippet(), 2000);
    attempts.persist(row);
  }

  @Override
  public List<DeliveryAttempt> attempts(String messageId) {
    return attempts.find("messageId = ?1 order by id", messageId).stream()
        .map(
            r ->
                new DeliveryAttempt(
                    r.messageId,
                    r.attemptNo,
                    r.startedAt,
                    Duration.ofMillis(r.latencyMs),
                    r.httpStatus,
                    r.success,
                    r.error,
                    r.responseSnippet))
        .toList();
  }

  @Override
  public Page<OutboxMessage> list(
      DeliveryStatus status, String subscriptionId, String cursorText, int limit) {
    StringBuilder where = new StringBuilder("1 = 1");
    List<Object> p = new ArrayList<>();
    if (status != null) {
      p.add(status.name());
      where.append(" and status = ?").append(p.size());
    }
    if (subscriptionId != null) {
      p.add(subscriptionId);
      where.append(" and subscriptionId = ?").append(p.size());
    }
    Cursors.TimeAndId c = cursorText == null ? null : Cursors.timeAndIdOf(cursorText);
    if (c != null) {
      p.add(c.createdAt());
      p.add(c.id());
      int at = p.size() - 1;
      where.append(
          " and (createdAt < ?" + at + " or (createdAt = ?" + at + " and id < ?" + (at + 1) + "))");
    }
    where.append(" order by createdAt desc, id desc");
    List<OutboxMessage> rows =
        outbox.find(where.toString(), p.toArray()).range(0, limit).stream()
            .map(PanacheDeliveryOutbox::toDomain)
            .toList();
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<OutboxMessage> page = rows.subList(0, limit);
    OutboxMessage last = page.get(limit - 1);
    return new Page<>(page, Cursors.ofTimeAndId(last.createdAt(), last.id()));
  }

  /** Deletes delivered and dead-lettered messages (and their attempts) created before cutoff. */
  public int purgeFinishedBefore(Instant cutoff) {
    attempts.delete(
        "messageId in (select o.id from OutboxEntity o where o.status in ?1 and o.createdAt < ?2)",
        FINISHED,
        Times.db(cutoff));
    return (int) outbox.delete("status in ?1 and createdAt < ?2", FINISHED, Times.db(cutoff));
  }

  private static OutboxMessage toDomain(OutboxEntity r) {
    return OutboxMessage.restore(
        new OutboxMessage.Snapshot(
            r.id,
            r.subscriptionId,
            r.eventType,
            r.body,
            r.createdAt,
            DeliveryStatus.valueOf(r.status),
            r.attempts,
            r.firstAttemptAt,
            r.nextAttemptAt,
            r.lastAttemptAt,
            r.deliveredAt,
            r.lastError,
            r.version));
  }
}

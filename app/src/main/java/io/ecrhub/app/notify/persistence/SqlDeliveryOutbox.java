package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.web.Cursors;
import io.ecrhub.domain.notification.delivery.DeliveryAttempt;
import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.notification.delivery.DeliveryStatus;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Adapter: the webhook outbox ({@code webhook_outbox}) and its attempt log ({@code
 * webhook_attempt}). Updates are optimistic on {@code version}: of two workers claiming the same
 * message, the second one's update finds no row and gives way.
 */
@ApplicationScoped
public class SqlDeliveryOutbox implements DeliveryOutbox {
  private static final String COLUMNS =
      "id, subscription_id, event_type, body, created_at, status, attempts, first_attempt_at,"
          + " next_attempt_at, last_attempt_at, delivered_at, last_error, version";
  private final Jdbc jdbc;

  @Inject
  public SqlDeliveryOutbox(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public void record(OutboxMessage m) {
    OutboxMessage.Snapshot s = m.snapshot();
    jdbc.update(
        "INSERT INTO webhook_outbox ("
            + COLUMNS
            + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        s.id(),
        s.subscriptionId(),
        s.eventType(),
        s.body(),
        s.createdAt(),
        s.status().name(),
        s.attempts(),
        s.firstAttemptAt(),
        s.nextAttemptAt(),
        s.lastAttemptAt(),
        s.deliveredAt(),
        clip(s.lastError(), 1000),
        s.version());
  }

  @Override
  public OutboxMessage save(OutboxMessage m) {
    OutboxMessage.Snapshot s = m.snapshot();
    int updated =
        jdbc.update(
            "UPDATE webhook_outbox SET status = ?, attempts = ?, first_attempt_at = ?,"
                + " next_attempt_at = ?, last_attempt_at = ?, delivered_at = ?, last_error = ?,"
                + " version = ? WHERE id = ? AND version = ?",
            s.status().name(),
            s.attempts(),
            s.firstAttemptAt(),
            s.nextAttemptAt(),
            s.lastAttemptAt(),
            s.deliveredAt(),
            clip(s.lastError(), 1000),
            s.version() + 1,
            s.id(),
            s.version());
    if (updated != 1) {
      throw new ConcurrentModificationException("delivery " + s.id());
    }
    return findById(s.id()).orElseThrow();
  }

  @Override
  public Optional<OutboxMessage> findById(String id) {
    List<OutboxMessage> rows =
        jdbc.query("SELECT " + COLUMNS + " FROM webhook_outbox WHERE id = ?", this::row, id);
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  @Override
  public List<OutboxMessage> findDue(Instant now, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM webhook_outbox WHERE status IN ('RECORDED', 'RETRY_SCHEDULED', 'DELIVERING')"
            + " AND next_attempt_at <= ? ORDER BY next_attempt_at LIMIT ?",
        this::row,
        now,
        limit);
  }

  @Override
  public void appendAttempt(DeliveryAttempt a) {
    jdbc.update(
        "INSERT INTO webhook_attempt (message_id, attempt_no, started_at, latency_ms, http_status,"
            + " success, error, response_snippet) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        a.messageId(),
        a.attemptNo(),
        a.startedAt(),
        a.latency().toMillis(),
        a.httpStatus(),
        a.success(),
        clip(a.error(), 1000),
        clip(a.responseSnippet(), 2000));
  }

  @Override
  public List<DeliveryAttempt> attempts(String messageId) {
    return jdbc.query(
        "SELECT message_id, attempt_no, started_at, latency_ms, http_status, success, error,"
            + " response_snippet FROM webhook_attempt WHERE message_id = ? ORDER BY id",
        rs ->
            new DeliveryAttempt(
                rs.getString("message_id"),
                rs.getInt("attempt_no"),
                Jdbc.instant(rs, "started_at"),
                Duration.ofMillis(rs.getLong("latency_ms")),
                Jdbc.nullableInt(rs, "http_status"),
                rs.getBoolean("success"),
                rs.getString("error"),
                rs.getString("response_snippet")),
        messageId);
  }

  @Override
  public Page<OutboxMessage> list(
      DeliveryStatus status, String subscriptionId, String cursorText, int limit) {
    StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM webhook_outbox WHERE 1=1");
    List<Object> p = new ArrayList<>();
    if (status != null) {
      sql.append(" AND status = ?");
      p.add(status.name());
    }
    if (subscriptionId != null) {
      sql.append(" AND subscription_id = ?");
      p.add(subscriptionId);
    }
    Cursors.TimeAndId c = cursorText == null ? null : Cursors.timeAndIdOf(cursorText);
    if (c != null) {
      sql.append(" AND (created_at < ? OR (created_at = ? AND id < ?))");
      p.add(c.createdAt());
      p.add(c.createdAt());
      p.add(c.id());
    }
    sql.append(" ORDER BY created_at DESC, id DESC LIMIT ?");
    p.add(limit + 1);
    List<OutboxMessage> rows = jdbc.query(sql.toString(), this::row, p.toArray());
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<OutboxMessage> page = rows.subList(0, limit);
    OutboxMessage last = page.get(limit - 1);
    return new Page<>(page, Cursors.ofTimeAndId(last.createdAt(), last.id()));
  }

  /** Deletes delivered and dead-lettered messages (and their attempts) created before cutoff. */
  public int purgeFinishedBefore(Instant cutoff) {
    jdbc.update(
        "DELETE FROM webhook_attempt WHERE message_id IN (SELECT id FROM webhook_outbox"
            + " WHERE status IN ('DELIVERED', 'DEAD_LETTER') AND created_at < ?)",
        cutoff);
    return jdbc.update(
        "DELETE FROM webhook_outbox WHERE status IN ('DELIVERED', 'DEAD_LETTER') AND created_at < ?",
        cutoff);
  }

  private OutboxMessage row(ResultSet rs) throws SQLException {
    return OutboxMessage.restore(
        new OutboxMessage.Snapshot(
            rs.getString("id"),
            rs.getString("subscription_id"),
            rs.getString("event_type"),
            rs.getBytes("body"),
            Jdbc.instant(rs, "created_at"),
            DeliveryStatus.valueOf(rs.getString("status")),
            rs.getInt("attempts"),
            Jdbc.instant(rs, "first_attempt_at"),
            Jdbc.instant(rs, "next_attempt_at"),
            Jdbc.instant(rs, "last_attempt_at"),
            Jdbc.instant(rs, "delivered_at"),
            rs.getString("last_error"),
            rs.getLong("version")));
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

package io.ecrhub.app.notify.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.app.web.Cursors;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.sql.DataSource;

/**
 * Adapter: the notification inbox in {@code notification_inbox}. A verified notification is
 * inserted with {@code ON CONFLICT DO NOTHING} on its unique (type, syssn) key, so the database
 * decides which of two simultaneous copies (even on two instances) is the first.
 */
@ApplicationScoped
public class SqlNotificationInbox implements NotificationInbox {
  private static final String COLUMNS =
      "id, received_at, status, dedupe_key, key_id, trade_ref, syssn_ref, source_address,"
          + " headers, raw_body, note";
  private static final int PARAMS_PER_ROW = 12; // the columns and updated_at
  private static final String ROW_PLACEHOLDERS = "(?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
  private static final TypeReference<Map<String, String>> HEADERS = new TypeReference<>() {};
  private final ObjectMapper json = new ObjectMapper();
  private final Jdbc jdbc;
  private final Clock clock;

  @Inject
  public SqlNotificationInbox(DataSource dataSource, Clock clock) {
    this.jdbc = new Jdbc(dataSource);
    this.clock = clock;
  }

  @Override
  public Optional<InboxEntry> storeVerified(InboxEntry e) {
    int inserted;
    try {
      inserted = insertVerified(e);
    } catch (Jdbc.PersistenceFailure failure) {
      if (failure.isConstraintViolation()) {
        return Optional.empty(); // H2: a concurrent copy committed first (PostgreSQL skips it)
      }
      throw failure;
    }
    return inserted == 1 ? Optional.of(e) : Optional.empty();
  }

  private int insertVerified(InboxEntry e) {
    return jdbc.update(
        "INSERT INTO notification_inbox ("
            + COLUMNS
            + ", updated_at) VALUES "
            + ROW_PLACEHOLDERS
            + " ON CONFLICT DO NOTHING",
        params(e));
  }

  /**
   * One multi-row {@code INSERT … ON CONFLICT DO NOTHING} for all entries (group commit). A key
   * committed before is skipped on PostgreSQL and H2 alike. A key that another transaction commits
   * while the statement waits for it is skipped on PostgreSQL; on H2 it is skipped too, but the
   * count returned can be lower than the rows inserted (SqlNotificationInboxTest). Either way the
   * caller, finding fewer stored than given, rolls back and stores them one by one.
   */
  @Override
  public int storeVerifiedAll(List<InboxEntry> entries) {
    if (entries.isEmpty()) {
      return 0;
    }
    if (entries.size() == 1) {
      return storeVerified(entries.get(0)).isPresent() ? 1 : 0;
    }
    Object[] params = new Object[entries.size() * PARAMS_PER_ROW];
    for (int i = 0; i < entries.size(); i++) {
      System.arraycopy(params(entries.get(i)), 0, params, i * PARAMS_PER_ROW, PARAMS_PER_ROW);
    }
    return jdbc.update(insertRows.get(entries.size()), params);
  }

  /** The multi-row insert's text per row count (built once per count). */
  private final Jdbc.StatementsBySize insertRows =
      new Jdbc.StatementsBySize(
          rows ->
              "INSERT INTO notification_inbox ("
                  + COLUMNS
                  + ", updated_at) VALUES "
                  + String.join(", ", Collections.nCopies(rows, ROW_PLACEHOLDERS))
                  + " ON CONFLICT DO NOTHING");

  private final Jdbc.StatementsBySize dedupeKeysIn =
      new Jdbc.StatementsBySize(
          n ->
              "SELECT dedupe_key FROM notification_inbox WHERE dedupe_key IN ("
                  + Jdbc.marks(n)
                  + ")");

  /** One {@code SELECT … WHERE dedupe_key IN (…)} for all keys. */
  @Override
  public Set<String> storedDedupeKeys(Collection<String> dedupeKeys) {
    if (dedupeKeys.isEmpty()) {
      return Set.of();
    }
    return new HashSet<>(
        jdbc.query(
            dedupeKeysIn.get(dedupeKeys.size()), rs -> rs.getString(1), dedupeKeys.toArray()));
  }

  /** A rejected sample with the length and SHA-256 of the whole body it was cut from (V47). */
  @Override
  public void storeRejectedSample(InboxEntry e, int bodyLength, String bodySha256) {
    Object[] row = params(e);
    Object[] params = Arrays.copyOf(row, row.length + 2);
    params[row.length] = bodyLength;
    params[row.length + 1] = clip(bodySha256, 64);
    jdbc.update(
        "INSERT INTO notification_inbox ("
            + COLUMNS
            + ", updated_at, body_length, body_sha256) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,"
            + " ?, ?)",
        params);
  }

  @Override
  public void storeRejected(InboxEntry e) {
    jdbc.update(
        "INSERT INTO notification_inbox (" + COLUMNS + ", updated_at) VALUES " + ROW_PLACEHOLDERS,
        params(e));
  }

  private Object[] params(InboxEntry e) {
    return new Object[] {
      e.id(),
      e.receivedAt(),
      e.status().name(),
      e.dedupeKey(),
      e.keyId(),
      clip(e.tradeRef(), 256),
      clip(e.syssnRef(), 64),
      clip(e.sourceAddress(), 64),
      headersJson(e.headers()),
      e.rawBody(),
      clip(e.note(), 2000),
      e.receivedAt()
    };
  }

  @Override
  public void updateStatus(String entryId, InboxStatus status, String note) {
    jdbc.update(
        "UPDATE notification_inbox SET status = ?, note = ?, updated_at = ? WHERE id = ?",
        status.name(),
        clip(note, 2000),
        clock.instant(),
        entryId);
  }

  @Override
  public Optional<InboxEntry> findById(String entryId) {
    return first(
        jdbc.query(
            "SELECT " + COLUMNS + " FROM notification_inbox WHERE id = ?", this::entry, entryId));
  }

  @Override
  public Optional<InboxEntry> findByDedupeKey(String dedupeKey) {
    return first(
        jdbc.query(
            "SELECT " + COLUMNS + " FROM notification_inbox WHERE dedupe_key = ?",
            this::entry,
            dedupeKey));
  }

  @Override
  public List<InboxEntry> findParked(int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM notification_inbox WHERE status = 'PARKED' ORDER BY received_at, id LIMIT ?",
        this::entry,
        limit);
  }

  @Override
  public List<InboxEntry> findParkedFor(String tradeRef, String syssnRef, int limit) {
    return jdbc.query(
        "SELECT "
            + COLUMNS
            + " FROM notification_inbox WHERE status = 'PARKED' AND (trade_ref = ? OR syssn_ref = ?)"
            + " ORDER BY received_at, id LIMIT ?",
        this::entry,
        tradeRef,
        syssnRef,
        limit);
  }

  /**
   * Whether a parked notification refers to this trade reference or QFPay transaction: one indexed
   * query, answered without reading the rows.
   */
  public boolean anyParkedFor(String tradeRef, String syssnRef) {
    return !jdbc.query(
            "SELECT 1 FROM notification_inbox WHERE status = 'PARKED'"
                + " AND (trade_ref = ? OR syssn_ref = ?) LIMIT 1",
            rs -> Boolean.TRUE,
            tradeRef,
            syssnRef)
        .isEmpty();
  }

  @Override
  public Page<InboxEntry> search(Filter f, String cursorText, int limit) {
    StringBuilder sql =
        new StringBuilder("SELECT " + COLUMNS + " FROM notification_inbox WHERE 1=1");
    List<Object> p = new ArrayList<>();
    if (f.status() != null) {
      sql.append(" AND status = ?");
      p.add(f.status().name());
    }
    if (f.syssn() != null) {
      sql.append(" AND (dedupe_key IN (?, ?, ?) OR syssn_ref = ?)");
      p.add("PAYMENT:" + f.syssn());
      p.add("REFUND:" + f.syssn());
      p.add("PREAUTH_RELEASE:" + f.syssn());
      p.add(f.syssn());
    }
    if (f.tradeRef() != null) {
      sql.append(" AND trade_ref = ?");
      p.add(f.tradeRef());
    }
    if (f.from() != null) {
      sql.append(" AND received_at >= ?");
      p.add(f.from());
    }
    if (f.to() != null) {
      sql.append(" AND received_at < ?");
      p.add(f.to());
    }
    Cursors.TimeAndId c = cursorText == null ? null : Cursors.timeAndIdOf(cursorText);
    if (c != null) {
      sql.append(" AND (received_at < ? OR (received_at = ? AND id < ?))");
      p.add(c.createdAt());
      p.add(c.createdAt());
      p.add(c.id());
    }
    sql.append(" ORDER BY received_at DESC, id DESC LIMIT ?");
    p.add(limit + 1);
    List<InboxEntry> rows = jdbc.query(sql.toString(), this::entry, p.toArray());
    if (rows.size() <= limit) {
      return new Page<>(rows, null);
    }
    List<InboxEntry> page = rows.subList(0, limit);
    InboxEntry last = page.get(limit - 1);
    return new Page<>(page, Cursors.ofTimeAndId(last.receivedAt(), last.id()));
  }

  /** Counts per status (admin overview): one grouped query. */
  @Override
  public Map<InboxStatus, Long> countByStatus() {
    Map<InboxStatus, Long> out = new EnumMap<>(InboxStatus.class);
    jdbc.query(
            "SELECT status, COUNT(*) AS n FROM notification_inbox GROUP BY status",
            rs -> Map.entry(InboxStatus.valueOf(rs.getString("status")), rs.getLong("n")))
        .forEach(e -> out.put(e.getKey(), e.getValue()));
    return out;
  }

  @Override
  @Transactional
  public int purgeReceivedBefore(Instant cutoff) {
    return jdbc.update("DELETE FROM notification_inbox WHERE received_at < ?", cutoff);
  }

  /** Keeps only the newest {@code cap} rejected notifications. */
  @Transactional
  public int capRejected(int cap) {
    List<Instant> boundary =
        jdbc.query(
            "SELECT received_at FROM notification_inbox WHERE status = 'REJECTED'"
                + " ORDER BY received_at DESC LIMIT 1 OFFSET ?",
            rs -> Jdbc.instant(rs, "received_at"),
            cap);
    if (boundary.isEmpty()) {
      return 0;
    }
    return jdbc.update(
        "DELETE FROM notification_inbox WHERE status = 'REJECTED' AND received_at <= ?",
        boundary.get(0));
  }

  private InboxEntry entry(ResultSet rs) throws SQLException {
    return new InboxEntry(
        rs.getString("id"),
        rs.getBytes("raw_body"),
        readHeaders(rs.getString("headers")),
        rs.getString("source_address"),
        Jdbc.instant(rs, "received_at"),
        InboxStatus.valueOf(rs.getString("status")),
        rs.getString("dedupe_key"),
        rs.getString("note"),
        rs.getString("key_id"),
        rs.getString("trade_ref"),
        rs.getString("syssn_ref"));
  }

  /**
   * The kept headers as a JSON object of strings, written directly with Jackson's string quoting:
   * its map serialisation was a visible share of the intake's CPU for a handful of short strings.
   * Read back with Jackson.
   */
  static String headersJson(Map<String, String> headers) {
    StringBuilder out = new StringBuilder(256).append('{');
    for (Map.Entry<String, String> h : headers.entrySet()) {
      if (out.length() > 1) {
        out.append(',');
      }
      jsonString(out, h.getKey()).append(':');
      jsonString(out, h.getValue());
    }
    out.append('}');
    return out.length() <= 20000 ? out.toString() : "{}";
  }

  private static StringBuilder jsonString(StringBuilder out, String s) {
    out.append('"');
    if (s != null) {
      if (plain(s)) {
        out.append(s); // the usual header: printable ASCII without quote or backslash
      } else {
        JsonStringEncoder.getInstance().quoteAsString(s, out);
      }
    }
    return out.append('"');
  }

  private static boolean plain(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < 0x20 || c > 0x7e || c == '"' || c == '\\') {
        return false;
      }
    }
    return true;
  }

  private Map<String, String> readHeaders(String text) {
    try {
      return text == null ? Map.of() : json.readValue(text, HEADERS);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }

  private static <T> Optional<T> first(List<T> rows) {
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  private static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

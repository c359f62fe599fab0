package io.ecrhub.app.persistence;

import io.ecrhub.app.events.StoredEvent;
import io.ecrhub.app.events.TransactionEventLog;
import io.ecrhub.app.persistence.Repositories.TransactionEventRepository;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import javax.sql.DataSource;

/**
 * Adapter: the transaction event log in {@code transaction_event}, its ids in commit order (ADR
 * 0025). Events are written as the last statements of their transaction, under a lock held until
 * the commit: a transaction-level advisory lock on PostgreSQL, the one row of {@code
 * transaction_event_order} on H2. Nothing else is locked after it, so a transaction that waits for
 * it holds nothing the holder needs. On PostgreSQL the same statement queues a {@code NOTIFY} on
 * {@link PgEventSignals#CHANNEL}, sent by the commit.
 */
@ApplicationScoped
public class PanacheTransactionEventLog implements TransactionEventLog {
  /** The commit-order advisory lock's key: "ECRH" "EVTS" as two ASCII words. */
  static final long ORDER_LOCK_KEY = 0x4543_5248_4556_5453L;

  /** How long an H2 transaction waits for the commit-order row (H2's default is one second). */
  private static final int H2_LOCK_TIMEOUT_MS = 30_000;

  private final TransactionEventRepository repo;
  private final DataSource dataSource;
  private final String signalToken;
  private volatile Boolean postgres;

  @Inject
  PanacheTransactionEventLog(
      TransactionEventRepository repo, DataSource dataSource, PgEventSignals signals) {
    this.repo = repo;
    this.dataSource = dataSource;
    this.signalToken = signals.token();
  }

  @Override
  @Transactional
  public long append(TransactionEvent event) {
    return appendAll(List.of(event))[0];
  }

  /**
   * Flushes the persistence context (so no entity write waits on a lock after the order lock is
   * taken), then one statement: on PostgreSQL it takes the commit-order lock, queues the
   * notification and inserts the events (multi-row), so an event-writing transaction pays one round
   * trip for its events, not two; on H2 the order row is locked first. The generated ids are read
   * back in row order.
   */
  @Override
  @Transactional
  public long[] appendAll(List<TransactionEvent> events) {
    repo.getEntityManager().flush();
    // The transaction's own connection (the pool hands the enlisted one back), closed here: called
    // right before the commit, after the ORM has let go of its connection, nothing may keep one
    // open
    try (Connection connection = dataSource.getConnection()) {
      boolean pg = postgres(connection);
      if (!pg) {
        lockH2CommitOrder(connection);
      }
      try (PreparedStatement ps =
          connection.prepareStatement(insertSql(events.size(), pg), new String[] {"id"})) {
        int p = 0;
        if (pg) {
          ps.setLong(++p, ORDER_LOCK_KEY);
          ps.setString(++p, PgEventSignals.CHANNEL);
          ps.setString(++p, signalToken);
        }
        for (TransactionEvent event : events) {
          ps.setString(++p, Times.clip(event.type(), 40));
          ps.setString(++p, event.aggregateId());
          ps.setString(++p, event.paymentId());
          ps.setString(++p, event.terminalId().value());
          ps.setString(++p, event.from() == null ? null : event.from().name());
          ps.setString(++p, event.to().name());
          ps.setString(++p, Times.clip(event.reason(), 2000));
          ps.setObject(++p, OffsetDateTime.ofInstant(Times.db(event.occurredAt()), ZoneOffset.UTC));
        }
        ps.executeUpdate();
        long[] ids = new long[events.size()];
        try (ResultSet keys = ps.getGeneratedKeys()) {
          for (int i = 0; i < ids.length; i++) {
            if (!keys.next()) {
              throw new SQLException("fewer generated ids than events");
            }
            ids[i] = keys.getLong(1);
          }
        }
        return ids;
      }
    } catch (SQLException e) {
      throw new PersistenceException("could not write transaction events", e);
    }
  }

  private static final String COLUMNS =
      "type, aggregate_id, payment_id, terminal_id, from_status, to_status, reason, occurred_at";

  /**
   * The events' insert. On PostgreSQL the commit-order lock (held until this transaction ends) and
   * the {@code NOTIFY} (sent by the commit) are a CTE the rows are joined with: the lock is taken
   * before the first row is formed, so before any id is drawn (a volatile function's CTE is never
   * inlined), and the ids follow the rows' order ({@code ORDER BY} the literal ordinal).
   */
  static String insertSql(int rows, boolean postgres) {
    StringBuilder sql = new StringBuilder("INSERT INTO transaction_event (" + COLUMNS + ") ");
    if (postgres) {
      sql.append(
          "WITH ordered AS (SELECT pg_advisory_xact_lock(?) AS locked, pg_notify(?, ?) AS sent)"
              + " SELECT "
              + COLUMNS
              + " FROM ordered, (VALUES ");
      for (int i = 0; i < rows; i++) {
        sql.append(i == 0 ? "" : ", ").append('(').append(i).append(", ?, ?, ?, ?, ?, ?, ?, ?)");
      }
      return sql.append(") AS v (ord, ").append(COLUMNS).append(") ORDER BY v.ord").toString();
    }
    sql.append("VALUES ");
    for (int i = 0; i < rows; i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
    }
    return sql.toString();
  }

  /**
   * Opens the transaction's persistence context now (the ORM registers with the transaction when it
   * does, which is refused once the transaction completes): {@link #appendAll} flushes it there.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void prepareAppend() {
    repo.getEntityManager().isJoinedToTransaction();
  }

  private boolean postgres(Connection connection) throws SQLException {
    if (postgres == null) {
      postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
    return postgres;
  }

  /**
   * H2: takes the one row of {@code transaction_event_order}, the lock that orders the commits of
   * event-writing transactions, held until this transaction ends.
   */
  private static void lockH2CommitOrder(Connection connection) throws SQLException {
    try (Statement st = connection.createStatement()) {
      st.execute("SET LOCK_TIMEOUT " + H2_LOCK_TIMEOUT_MS);
      try (ResultSet r =
          st.executeQuery("SELECT id FROM transaction_event_order WHERE id = 1 FOR UPDATE")) {
        if (!r.next()) {
          throw new SQLException("transaction_event_order has no row (migration V56)");
        }
      }
    }
  }

  @Override
  @Transactional
  public List<StoredEvent> after(long afterId, int limit) {
    return repo.find("id > ?1 order by id", afterId).range(0, limit - 1).list().stream()
        .map(PanacheTransactionEventLog::toStored)
        .toList();
  }

  @Override
  @Transactional
  public List<StoredEvent> forPayment(PaymentId paymentId, long afterId, int limit) {
    return repo
        .find("paymentId = ?1 and id > ?2 order by id", paymentId.value(), afterId)
        .range(0, limit - 1)
        .list()
        .stream()
        .map(PanacheTransactionEventLog::toStored)
        .toList();
  }

  @Override
  @Transactional
  public List<StoredEvent> forTerminal(TerminalId terminalId, long afterId, int limit) {
    return repo
        .find("terminalId = ?1 and id > ?2 order by id", terminalId.value(), afterId)
        .range(0, limit - 1)
        .list()
        .stream()
        .map(PanacheTransactionEventLog::toStored)
        .toList();
  }

  @Override
  @Transactional
  public long latestId() {
    Long max =
        repo.getEntityManager()
            .createQuery("select max(e.id) from TransactionEventEntity e", Long.class)
            .getSingleResult();
    return max == null ? 0 : max;
  }

  private static StoredEvent toStored(TransactionEventEntity e) {
    return new StoredEvent(
        e.id,
        new TransactionEvent(
            e.type,
            e.aggregateId,
            e.paymentId,
            TerminalId.of(e.terminalId),
            e.fromStatus == null ? null : TransactionStatus.valueOf(e.fromStatus),
            TransactionStatus.valueOf(e.toStatus),
            e.reason,
            e.occurredAt));
  }
}

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
   * taken), takes the commit-order lock (PostgreSQL: and queues the notification), then one
   * (multi-row) {@code INSERT} for the events, with the generated ids read back in row order.
   */
  @Override
  @Transactional
  public long[] appendAll(List<TransactionEvent> events) {
    repo.getEntityManager().flush();
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO transaction_event (type, aggregate_id, payment_id, terminal_id,"
                + " from_status, to_status, reason, occurred_at) VALUES ");
    for (int i = 0; i < events.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
    }
    // The transaction's own connection (the pool hands the enlisted one back), closed here: called
    // right before the commit, after the ORM has let go of its connection, nothing may keep one
    // open
    try (Connection connection = dataSource.getConnection()) {
      lockCommitOrder(connection);
      try (PreparedStatement ps =
          connection.prepareStatement(sql.toString(), new String[] {"id"})) {
        int p = 0;
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

  /**
   * Opens the transaction's persistence context now (the ORM registers with the transaction when it
   * does, which is refused once the transaction completes): {@link #appendAll} flushes it there.
   */
  @Override
  @Transactional(Transactional.TxType.MANDATORY)
  public void prepareAppend() {
    repo.getEntityManager().isJoinedToTransaction();
  }

  /**
   * Takes the lock that orders the commits of event-writing transactions; held until this
   * transaction ends. On PostgreSQL it also queues the notification to the other instances.
   */
  private void lockCommitOrder(Connection connection) throws SQLException {
    if (postgres == null) {
      postgres = "PostgreSQL".equals(connection.getMetaData().getDatabaseProductName());
    }
    if (postgres) {
      try (PreparedStatement lock =
          connection.prepareStatement("SELECT pg_advisory_xact_lock(?), pg_notify(?, ?)")) {
        lock.setLong(1, ORDER_LOCK_KEY);
        lock.setString(2, PgEventSignals.CHANNEL);
        lock.setString(3, signalToken);
        lock.execute();
      }
      return;
    }
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

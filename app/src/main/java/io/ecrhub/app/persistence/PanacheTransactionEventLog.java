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
import jakarta.transaction.Transactional;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.hibernate.Session;

/** Adapter: the transaction event log in {@code transaction_event}. */
@ApplicationScoped
public class PanacheTransactionEventLog implements TransactionEventLog {
  private final TransactionEventRepository repo;

  @Inject
  PanacheTransactionEventLog(TransactionEventRepository repo) {
    this.repo = repo;
  }

  @Override
  @Transactional
  public long append(TransactionEvent event) {
    return appendAll(List.of(event))[0];
  }

  /**
   * One (multi-row) {@code INSERT} for the events of one change (a payment's start records two),
   * with the generated ids read back in row order.
   */
  @Override
  @Transactional
  public long[] appendAll(List<TransactionEvent> events) {
    StringBuilder sql =
        new StringBuilder(
            "INSERT INTO transaction_event (type, aggregate_id, payment_id, terminal_id,"
                + " from_status, to_status, reason, occurred_at) VALUES ");
    for (int i = 0; i < events.size(); i++) {
      sql.append(i == 0 ? "" : ", ").append("(?, ?, ?, ?, ?, ?, ?, ?)");
    }
    return repo.getEntityManager()
        .unwrap(Session.class)
        .doReturningWork(
            connection -> {
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
                  ps.setObject(
                      ++p, OffsetDateTime.ofInstant(Times.db(event.occurredAt()), ZoneOffset.UTC));
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
            });
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
  public List<StoredEvent> after(long afterId, int limit) {
    return repo.find("id > ?1 order by id", afterId).range(0, limit - 1).list().stream()
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

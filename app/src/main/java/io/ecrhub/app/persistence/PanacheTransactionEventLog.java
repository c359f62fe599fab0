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
import java.util.List;

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
    TransactionEventEntity e = new TransactionEventEntity();
    e.type = Times.clip(event.type(), 40);
    e.aggregateId = event.aggregateId();
    e.paymentId = event.paymentId();
    e.terminalId = event.terminalId().value();
    e.fromStatus = event.from() == null ? null : event.from().name();
    e.toStatus = event.to().name();
    e.reason = Times.clip(event.reason(), 2000);
    e.occurredAt = Times.db(event.occurredAt());
    repo.persist(e);
    repo.flush();
    return e.id;
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

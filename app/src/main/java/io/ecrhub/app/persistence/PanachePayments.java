package io.ecrhub.app.persistence;

import io.ecrhub.app.metrics.PaymentStatistics;
import io.ecrhub.app.payments.PaymentDirectory;
import io.ecrhub.app.persistence.Repositories.PaymentRepository;
import io.ecrhub.app.web.Cursors;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Adapter: payments in the {@code payment} table, amounts in minor units. */
@ApplicationScoped
@Transactional
public class PanachePayments implements Payments, PaymentDirectory, PaymentStatistics {
  private final PaymentRepository repo;
  private final TransactionRows<PaymentEntity, Payment> rows;

  @Inject
  PanachePayments(PaymentRepository repo) {
    this.repo = repo;
    this.rows =
        new TransactionRows<>(
            repo, PaymentEntity.class, "payment", PaymentEntity::new, PanachePayments::toDomain);
  }

  @Override
  public Payment save(Payment payment) {
    Payment.Snapshot s = payment.snapshot();
    String id = s.facts().id().value();
    long version = s.lifecycle().version();
    EntityManager em = repo.getEntityManager();
    if (version > 0 && !VersionedSaves.managed(em, PaymentEntity.class, id)) {
      return updateUnread(em, s);
    }
    return rows.save(id, version, e -> copy(s, e));
  }

  /**
   * A payment this transaction has not read (e.g. settled from the state it was sent in): its
   * mutable columns written by one conditional {@code UPDATE}, without reading the row first; a row
   * that is no longer at the payment's version is a {@link ConcurrentModificationException}.
   */
  private static Payment updateUnread(EntityManager em, Payment.Snapshot s) {
    long version = s.lifecycle().version();
    PaymentEntity e = new PaymentEntity();
    e.id = s.facts().id().value();
    copy(s, e);
    Query update =
        em.createQuery(UPDATE_UNREAD)
            .setParameter("newVersion", version + 1)
            .setParameter("id", e.id)
            .setParameter("version", version);
    MUTABLE.forEach((path, value) -> update.setParameter(parameter(path), value.apply(e)));
    if (update.executeUpdate() != 1) {
      throw new ConcurrentModificationException("payment " + s.facts().id());
    }
    e.version = version + 1;
    return toDomain(e);
  }

  /**
   * The columns a payment's life changes (the rest is fixed at creation), by path from the entity:
   * its own and the lifecycle's.
   */
  private static final Map<String, Function<PaymentEntity, Object>> MUTABLE = new LinkedHashMap<>();

  static {
    MUTABLE.put("refundedMinor", e -> e.refundedMinor);
    MUTABLE.put("cardScheme", e -> e.cardScheme);
    MUTABLE.put("maskedCardNumber", e -> e.maskedCardNumber);
    MUTABLE.put("sentVia", e -> e.sentVia);
    LifecycleColumns.MUTABLE.forEach(
        (path, value) -> MUTABLE.put(path, e -> value.apply(e.lifecycle)));
  }

  /** The query parameter that carries the column at {@code path}: its last name. */
  private static String parameter(String path) {
    return path.substring(path.lastIndexOf('.') + 1);
  }

  private static final String UPDATE_UNREAD =
      "update PaymentEntity p set "
          + MUTABLE.keySet().stream()
              .map(f -> "p." + f + " = :" + parameter(f))
              .collect(Collectors.joining(", "))
          + ", p.version = :newVersion where p.id = :id and p.version = :version";

  private static void copy(Payment.Snapshot s, PaymentEntity e) {
    Payment.Facts f = s.facts();
    e.copy(f.terminalId(), f.amount());
    e.lifecycle.copy(s.lifecycle());
    e.channel = f.channel().name();
    e.outTradeNo = f.outTradeNo().value();
    e.reference = f.reference();
    e.idempotencyKey = f.idempotencyKey();
    e.requestFingerprint = f.requestFingerprint();
    e.refundedMinor = s.refundedAmount() == null ? 0 : s.refundedAmount().minorUnits();
    e.cardScheme = Times.clip(s.cardScheme(), 40);
    e.maskedCardNumber = Times.clip(s.maskedCardNumber(), 40);
    e.sentVia = s.sentVia() == null ? null : s.sentVia().name();
  }

  static Payment toDomain(PaymentEntity e) {
    var facts =
        new Payment.Facts(
            new PaymentId(e.id),
            TerminalId.of(e.terminalId),
            e.money(e.amountMinor),
            Channel.valueOf(e.channel),
            OutTradeNo.of(e.outTradeNo),
            e.reference,
            e.idempotencyKey,
            e.requestFingerprint);
    return Payment.restore(
        new Payment.Snapshot(
            facts,
            e.money(e.refundedMinor),
            e.cardScheme,
            e.maskedCardNumber,
            e.lifecycle.toSnapshot(e.version),
            e.sentVia == null ? null : Transport.valueOf(e.sentVia)));
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    return rows.byId(id.value());
  }

  @Override
  public Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo) {
    return repo.find("outTradeNo", outTradeNo.value())
        .firstResultOptional()
        .map(PanachePayments::toDomain);
  }

  @Override
  public Optional<Payment> findBySyssn(Syssn syssn) {
    return rows.bySyssn(syssn);
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
    return repo.find("idempotencyKey", idempotencyKey)
        .firstResultOptional()
        .map(PanachePayments::toDomain);
  }

  @Override
  public List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit) {
    return rows.withStatus(statuses, limit);
  }

  @Override
  public List<Payment> findAwaitingConfirmation(Instant now, Instant settledSince, int limit) {
    return rows.awaitingConfirmation(now, settledSince, limit);
  }

  @Override
  public Page<Payment> list(Filter filter, String cursor, int limit) {
    return list(filter, null, cursor, limit);
  }

  @Override
  public Page<Payment> list(
      PaymentDirectory.Criteria criteria, Set<TerminalId> onlyTerminals, String cursor, int limit) {
    Filter filter = criteria.filter();
    StringBuilder q = new StringBuilder("1 = 1");
    Map<String, Object> p = new HashMap<>();
    if (filter.terminalId() != null) {
      q.append(" and terminalId = :terminal");
      p.put("terminal", filter.terminalId().value());
    }
    if (onlyTerminals != null && onlyTerminals.isEmpty()) {
      return new Page<>(List.of(), null);
    }
    if (onlyTerminals != null) {
      q.append(" and terminalId in :only");
      p.put("only", onlyTerminals.stream().map(TerminalId::value).toList());
    }
    if (criteria.storeId() != null) {
      // terminal_store_idx, then the payments of those terminals
      q.append(" and terminalId in (select t.id from TerminalEntity t where t.storeId = :store)");
      p.put("store", criteria.storeId());
    }
    if (filter.status() != null) {
      q.append(" and lifecycle.status = :status");
      p.put("status", filter.status().name());
    }
    if (criteria.currency() != null) {
      q.append(" and currency = :currency");
      p.put("currency", criteria.currency());
    }
    if (criteria.minMinor() != null) {
      q.append(" and amountMinor >= :minMinor");
      p.put("minMinor", criteria.minMinor());
    }
    if (criteria.maxMinor() != null) {
      q.append(" and amountMinor <= :maxMinor");
      p.put("maxMinor", criteria.maxMinor());
    }
    if (filter.createdFrom() != null) {
      q.append(" and lifecycle.createdAt >= :from");
      p.put("from", Times.db(filter.createdFrom()));
    }
    if (filter.createdTo() != null) {
      q.append(" and lifecycle.createdAt < :to");
      p.put("to", Times.db(filter.createdTo()));
    }
    if (cursor != null) {
      Cursors.TimeAndId after = Cursors.timeAndIdOf(cursor);
      q.append(" and (lifecycle.createdAt < :ct or (lifecycle.createdAt = :ct and id < :cid))");
      p.put("ct", after.createdAt());
      p.put("cid", after.id());
    }
    List<PaymentEntity> rows =
        repo.find(q + " order by lifecycle.createdAt desc, id desc", p).range(0, limit).list();
    boolean more = rows.size() > limit;
    List<PaymentEntity> page = more ? rows.subList(0, limit) : rows;
    String next = null;
    if (more) {
      PaymentEntity last = page.get(page.size() - 1);
      next = Cursors.ofTimeAndId(last.lifecycle.createdAt, last.id);
    }
    return new Page<>(page.stream().map(PanachePayments::toDomain).toList(), next);
  }

  @Override
  public List<Payment> findDueForReconciliation(Instant now, int limit) {
    return rows.dueForReconciliation(now, limit);
  }

  @Override
  public Map<TransactionStatus, Long> countByStatus() {
    Map<TransactionStatus, Long> counts = new EnumMap<>(TransactionStatus.class);
    for (Object[] row :
        repo.getEntityManager()
            .createQuery(
                "select p.lifecycle.status, count(p) from PaymentEntity p group by p.lifecycle.status",
                Object[].class)
            .getResultList()) {
      counts.put(TransactionStatus.valueOf((String) row[0]), (Long) row[1]);
    }
    return counts;
  }
}

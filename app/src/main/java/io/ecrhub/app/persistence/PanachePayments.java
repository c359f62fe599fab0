package io.ecrhub.app.persistence;

import io.ecrhub.app.metrics.PaymentStatistics;
import io.ecrhub.app.payments.PaymentDirectory;
import io.ecrhub.app.persistence.Repositories.PaymentRepository;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.ConfirmedBy;
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

  @Inject
  PanachePayments(PaymentRepository repo) {
    this.repo = repo;
  }

  @Override
  public Payment save(Payment payment) {
    Payment.Snapshot s = payment.snapshot();
    EntityManager em = repo.getEntityManager();
    if (s.version() > 0 && !VersionedSaves.managed(em, PaymentEntity.class, s.id().value())) {
      return updateUnread(em, s);
    }
    PaymentEntity row =
        VersionedSaves.save(
            repo.getEntityManager(),
            PaymentEntity.class,
            s.id().value(),
            s.version(),
            PaymentEntity::new,
            e -> copy(s, e),
            "payment " + s.id());
    return toDomain(row);
  }

  /**
   * A payment this transaction has not read (e.g. settled from the state it was sent in): its
   * mutable columns written by one conditional {@code UPDATE}, without reading the row first; a row
   * that is no longer at the payment's version is a {@link ConcurrentModificationException}.
   */
  private static Payment updateUnread(EntityManager em, Payment.Snapshot s) {
    PaymentEntity e = new PaymentEntity();
    e.id = s.id().value();
    copy(s, e);
    Query update =
        em.createQuery(UPDATE_UNREAD)
            .setParameter("newVersion", s.version() + 1)
            .setParameter("id", e.id)
            .setParameter("version", s.version());
    MUTABLE.forEach((field, value) -> update.setParameter(field, value.apply(e)));
    if (update.executeUpdate() != 1) {
      throw new ConcurrentModificationException("payment " + s.id());
    }
    e.version = s.version() + 1;
    return toDomain(e);
  }

  /** The columns a payment's life changes (the rest is fixed at creation), by entity field. */
  private static final Map<String, Function<PaymentEntity, Object>> MUTABLE = new LinkedHashMap<>();

  static {
    MUTABLE.put("status", e -> e.status);
    MUTABLE.put("syssn", e -> e.syssn);
    MUTABLE.put("refundedMinor", e -> e.refundedMinor);
    MUTABLE.put("cardScheme", e -> e.cardScheme);
    MUTABLE.put("maskedCardNumber", e -> e.maskedCardNumber);
    MUTABLE.put("failureReason", e -> e.failureReason);
    MUTABLE.put("failureCode", e -> e.failureCode);
    MUTABLE.put("failureMessage", e -> e.failureMessage);
    MUTABLE.put("sentAt", e -> e.sentAt);
    MUTABLE.put("updatedAt", e -> e.updatedAt);
    MUTABLE.put("reviewNote", e -> e.reviewNote);
    MUTABLE.put("reconcileAttempts", e -> e.reconcileAttempts);
    MUTABLE.put("nextReconcileAt", e -> e.nextReconcileAt);
    MUTABLE.put("confirmedBy", e -> e.confirmedBy);
    MUTABLE.put("confirmationPending", e -> e.confirmationPending);
  }

  private static final String UPDATE_UNREAD =
      "update PaymentEntity p set "
          + MUTABLE.keySet().stream()
              .map(f -> "p." + f + " = :" + f)
              .collect(Collectors.joining(", "))
          + ", p.version = :newVersion where p.id = :id and p.version = :version";

  private static void copy(Payment.Snapshot s, PaymentEntity e) {
    e.terminalId = s.terminalId().value();
    e.amountMinor = s.amount().minorUnits();
    e.currency = s.amount().currency().getCurrencyCode();
    e.channel = s.channel().name();
    e.outTradeNo = s.outTradeNo().value();
    e.reference = s.reference();
    e.idempotencyKey = s.idempotencyKey();
    e.requestFingerprint = s.requestFingerprint();
    e.status = s.status().name();
    e.syssn = s.syssn() == null ? null : s.syssn().value();
    e.refundedMinor = s.refundedAmount() == null ? 0 : s.refundedAmount().minorUnits();
    e.cardScheme = Times.clip(s.cardScheme(), 40);
    e.maskedCardNumber = Times.clip(s.maskedCardNumber(), 40);
    e.failureReason = s.failureReason() == null ? null : s.failureReason().name();
    e.failureCode = Times.clip(s.failureCode(), 64);
    e.failureMessage = Times.clip(s.failureMessage(), 2000);
    e.sentAt = Times.db(s.sentAt());
    e.createdAt = Times.db(s.createdAt());
    e.updatedAt = Times.db(s.updatedAt());
    e.reviewNote = Times.clip(s.reviewNote(), 2000);
    e.reconcileAttempts = s.reconcileAttempts();
    e.nextReconcileAt = Times.db(s.nextReconcileAt());
    e.confirmedBy = s.confirmedBy() == null ? null : s.confirmedBy().name();
    e.confirmationPending = s.confirmationPending();
  }

  static Payment toDomain(PaymentEntity e) {
    return Payment.restore(
        new Payment.Snapshot(
            new PaymentId(e.id),
            TerminalId.of(e.terminalId),
            Money.ofMinor(e.amountMinor, e.currency),
            Channel.valueOf(e.channel),
            OutTradeNo.of(e.outTradeNo),
            e.reference,
            e.idempotencyKey,
            e.requestFingerprint,
            e.createdAt,
            TransactionStatus.valueOf(e.status),
            e.syssn == null ? null : Syssn.of(e.syssn),
            Money.ofMinor(e.refundedMinor, e.currency),
            e.cardScheme,
            e.maskedCardNumber,
            e.failureReason == null ? null : DeclineReason.valueOf(e.failureReason),
            e.failureCode,
            e.failureMessage,
            e.sentAt,
            e.updatedAt,
            e.reviewNote,
            e.reconcileAttempts,
            e.nextReconcileAt,
            e.version,
            e.confirmedBy == null ? null : ConfirmedBy.valueOf(e.confirmedBy),
            e.confirmationPending));
  }

  @Override
  public Optional<Payment> findById(PaymentId id) {
    return repo.findByIdOptional(id.value()).map(PanachePayments::toDomain);
  }

  @Override
  public Optional<Payment> findByOutTradeNo(OutTradeNo outTradeNo) {
    return repo.find("outTradeNo", outTradeNo.value())
        .firstResultOptional()
        .map(PanachePayments::toDomain);
  }

  @Override
  public Optional<Payment> findBySyssn(Syssn syssn) {
    return repo.find("syssn", syssn.value()).firstResultOptional().map(PanachePayments::toDomain);
  }

  @Override
  public Optional<Payment> findByIdempotencyKey(String idempotencyKey) {
    return repo.find("idempotencyKey", idempotencyKey)
        .firstResultOptional()
        .map(PanachePayments::toDomain);
  }

  @Override
  public List<Payment> findByStatus(Set<TransactionStatus> statuses, int limit) {
    if (statuses.isEmpty() || limit <= 0) {
      return List.of();
    }
    List<String> names = statuses.stream().map(Enum::name).toList();
    return repo
        .find("status in ?1 order by createdAt, id", names)
        .range(0, limit - 1)
        .list()
        .stream()
        .map(PanachePayments::toDomain)
        .toList();
  }

  @Override
  public Page<Payment> list(Filter filter, String cursor, int limit) {
    return list(filter, null, cursor, limit);
  }

  @Override
  public Page<Payment> list(
      Filter filter, Set<TerminalId> onlyTerminals, String cursor, int limit) {
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
    if (filter.status() != null) {
      q.append(" and status = :status");
      p.put("status", filter.status().name());
    }
    if (filter.createdFrom() != null) {
      q.append(" and createdAt >= :from");
      p.put("from", Times.db(filter.createdFrom()));
    }
    if (filter.createdTo() != null) {
      q.append(" and createdAt < :to");
      p.put("to", Times.db(filter.createdTo()));
    }
    if (cursor != null) {
      Cursors.TimeAndId after = Cursors.timeAndIdOf(cursor);
      q.append(" and (createdAt < :ct or (createdAt = :ct and id < :cid))");
      p.put("ct", after.createdAt());
      p.put("cid", after.id());
    }
    List<PaymentEntity> rows =
        repo.find(q + " order by createdAt desc, id desc", p).range(0, limit).list();
    boolean more = rows.size() > limit;
    List<PaymentEntity> page = more ? rows.subList(0, limit) : rows;
    String next = null;
    if (more) {
      PaymentEntity last = page.get(page.size() - 1);
      next = Cursors.ofTimeAndId(last.createdAt, last.id);
    }
    return new Page<>(page.stream().map(PanachePayments::toDomain).toList(), next);
  }

  @Override
  public List<Payment> findDueForReconciliation(Instant now, int limit) {
    if (limit <= 0) {
      return List.of();
    }
    return repo
        .find(
            "status = 'IN_PROGRESS' or (status = 'UNKNOWN' and nextReconcileAt <= ?1)"
                + " order by createdAt, id",
            Times.db(now))
        .range(0, limit - 1)
        .list()
        .stream()
        .map(PanachePayments::toDomain)
        .toList();
  }

  @Override
  public Map<TransactionStatus, Long> countByStatus() {
    Map<TransactionStatus, Long> counts = new EnumMap<>(TransactionStatus.class);
    for (Object[] row :
        repo.getEntityManager()
            .createQuery(
                "select p.status, count(p) from PaymentEntity p group by p.status", Object[].class)
            .getResultList()) {
      counts.put(TransactionStatus.valueOf((String) row[0]), (Long) row[1]);
    }
    return counts;
  }
}

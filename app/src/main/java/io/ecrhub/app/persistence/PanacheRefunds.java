package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.RefundRepository;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.Refunds;
import io.ecrhub.domain.transaction.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Adapter: refunds in the {@code refund} table, amounts in minor units. */
@ApplicationScoped
@Transactional
public class PanacheRefunds implements Refunds {
  private final RefundRepository repo;

  @Inject
  PanacheRefunds(RefundRepository repo) {
    this.repo = repo;
  }

  @Override
  public Refund save(Refund refund) {
    Refund.Snapshot s = refund.snapshot();
    RefundEntity row =
        VersionedSaves.save(
            repo.getEntityManager(),
            RefundEntity.class,
            s.id().value(),
            s.version(),
            RefundEntity::new,
            e -> copy(s, e),
            "refund " + s.id());
    return toDomain(row);
  }

  private static void copy(Refund.Snapshot s, RefundEntity e) {
    e.paymentId = s.paymentId().value();
    e.terminalId = s.terminalId().value();
    e.amountMinor = s.amount().minorUnits();
    e.currency = s.amount().currency().getCurrencyCode();
    e.external = s.external();
    e.status = s.status().name();
    e.syssn = s.syssn() == null ? null : s.syssn().value();
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

  private static Refund toDomain(RefundEntity e) {
    return Refund.restore(
        new Refund.Snapshot(
            new RefundId(e.id),
            new PaymentId(e.paymentId),
            TerminalId.of(e.terminalId),
            Money.ofMinor(e.amountMinor, e.currency),
            e.external,
            e.createdAt,
            TransactionStatus.valueOf(e.status),
            e.syssn == null ? null : Syssn.of(e.syssn),
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
  public Optional<Refund> findById(RefundId id) {
    return repo.findByIdOptional(id.value()).map(PanacheRefunds::toDomain);
  }

  @Override
  public Optional<Refund> findBySyssn(Syssn syssn) {
    return repo.find("syssn", syssn.value()).firstResultOptional().map(PanacheRefunds::toDomain);
  }

  @Override
  public List<Refund> findByPayment(PaymentId paymentId) {
    return repo.find("paymentId = ?1 order by createdAt, id", paymentId.value()).list().stream()
        .map(PanacheRefunds::toDomain)
        .toList();
  }

  @Override
  public List<Refund> findByStatus(Set<TransactionStatus> statuses, int limit) {
    if (statuses.isEmpty() || limit <= 0) {
      return List.of();
    }
    List<String> names = statuses.stream().map(Enum::name).toList();
    return repo
        .find("status in ?1 order by createdAt, id", names)
        .range(0, limit - 1)
        .list()
        .stream()
        .map(PanacheRefunds::toDomain)
        .toList();
  }

  @Override
  public List<Refund> findDueForReconciliation(Instant now, int limit) {
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
        .map(PanacheRefunds::toDomain)
        .toList();
  }
}

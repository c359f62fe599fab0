package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.RefundRepository;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.RefundRoute;
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
  private final TransactionRows<RefundEntity, Refund> rows;

  @Inject
  PanacheRefunds(RefundRepository repo) {
    this.repo = repo;
    this.rows =
        new TransactionRows<>(
            repo, RefundEntity.class, "refund", RefundEntity::new, PanacheRefunds::toDomain);
  }

  @Override
  public Refund save(Refund refund) {
    Refund.Snapshot s = refund.snapshot();
    Refund.Facts f = s.facts();
    return rows.save(
        f.id().value(),
        s.lifecycle().version(),
        e -> {
          e.copy(f.terminalId(), f.amount());
          e.lifecycle.copy(s.lifecycle());
          e.paymentId = f.paymentId().value();
          e.external = s.external();
          e.route = s.route() == null ? null : s.route().name();
          e.outTradeNo = s.outTradeNo();
        });
  }

  private static Refund toDomain(RefundEntity e) {
    return Refund.restore(
        new Refund.Snapshot(
            new Refund.Facts(
                new RefundId(e.id),
                new PaymentId(e.paymentId),
                TerminalId.of(e.terminalId),
                e.money(e.amountMinor)),
            e.external,
            e.lifecycle.toSnapshot(e.version),
            e.route == null ? null : RefundRoute.valueOf(e.route),
            e.outTradeNo));
  }

  @Override
  public Optional<Refund> findById(RefundId id) {
    return rows.byId(id.value());
  }

  @Override
  public Optional<Refund> findBySyssn(Syssn syssn) {
    return rows.bySyssn(syssn);
  }

  @Override
  public List<Refund> findByPayment(PaymentId paymentId) {
    return repo
        .find("paymentId = ?1 order by lifecycle.createdAt, id", paymentId.value())
        .list()
        .stream()
        .map(PanacheRefunds::toDomain)
        .toList();
  }

  @Override
  public List<Refund> findByStatus(Set<TransactionStatus> statuses, int limit) {
    return rows.withStatus(statuses, limit);
  }

  @Override
  public List<Refund> findDueForReconciliation(Instant now, int limit) {
    return rows.dueForReconciliation(now, limit);
  }
}

package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.PaymentRepository;
import io.ecrhub.app.persistence.Repositories.RefundRepository;
import io.ecrhub.domain.settlement.HubEntry;
import io.ecrhub.domain.settlement.HubLedger;
import io.ecrhub.domain.transaction.TransactionStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Adapter: the hub's side of the daily statement, payments and refunds created in a window (indexed
 * by {@code payment_created_idx} and {@code refund_created_idx}).
 */
@ApplicationScoped
@Transactional
public class PanacheHubLedger implements HubLedger {
  private static final String WINDOW =
      "lifecycle.createdAt >= ?1 and lifecycle.createdAt < ?2 order by lifecycle.createdAt, id";
  private final PaymentRepository payments;
  private final RefundRepository refunds;

  @Inject
  PanacheHubLedger(PaymentRepository payments, RefundRepository refunds) {
    this.payments = payments;
    this.refunds = refunds;
  }

  @Override
  public List<HubEntry> createdBetween(Instant from, Instant to, int limit) {
    Instant a = Times.db(from);
    Instant b = Times.db(to);
    List<HubEntry> all = new ArrayList<>();
    for (PaymentEntity p : payments.find(WINDOW, a, b).range(0, limit - 1).list()) {
      all.add(
          new HubEntry(
              HubEntry.Kind.PAYMENT,
              p.id,
              p.terminalId,
              p.outTradeNo,
              p.lifecycle.syssn,
              p.money(p.amountMinor),
              TransactionStatus.valueOf(p.lifecycle.status),
              p.lifecycle.createdAt));
    }
    for (RefundEntity r : refunds.find(WINDOW, a, b).range(0, limit - 1).list()) {
      all.add(
          new HubEntry(
              HubEntry.Kind.REFUND,
              r.id,
              r.terminalId,
              null,
              r.lifecycle.syssn,
              r.money(r.amountMinor),
              TransactionStatus.valueOf(r.lifecycle.status),
              r.lifecycle.createdAt));
    }
    all.sort(Comparator.comparing(HubEntry::createdAt).thenComparing(HubEntry::id));
    return all.size() > limit ? List.copyOf(all.subList(0, limit)) : all;
  }
}

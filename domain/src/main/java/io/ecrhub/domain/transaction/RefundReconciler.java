package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCalls;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The refund half of {@link Reconciler}: queries the original payment by syssn and settles a refund
 * SUCCEEDED only when the payment's record shows exactly this refund (see the limitation in {@link
 * Reconciler}'s documentation).
 */
final class RefundReconciler {
  private static final Set<String> REFUNDED_FLAGS = Set.of("1", "3", "5");

  private final Flow flow;
  private final Reconciliation loop;
  private final Ledger<RefundId, Refund> refunds;

  RefundReconciler(Flow flow, Reconciliation loop) {
    this.flow = flow;
    this.loop = loop;
    this.refunds = Ledger.refunds(flow.ports);
  }

  int reconcileDue(Instant now, int batch) {
    return loop.settleDue(refunds, now, batch, r -> reconcile(r.id(), now));
  }

  private boolean reconcile(RefundId id, Instant now) {
    Refund r = flow.tx(() -> refunds.load(id));
    if (r.route().orElse(null) == RefundRoute.CLOUD) {
      return reconcileCloud(r, now);
    }
    if (!loop.takeUp(refunds, id, r, false, now)) {
      return false;
    }
    Payment payment = flow.payment(r.paymentId());
    Optional<Terminal> terminal = flow.tx(() -> flow.ports.terminals().findById(r.terminalId()));
    if (terminal.isPresent() && flow.leaseHeldByOther(r.terminalId(), id.value(), now)) {
      return false;
    }
    boolean showsRefund = false;
    AnswerBinding.Result binding = null;
    String terminalSaid = "not asked: the terminal is missing or disabled";
    boolean cannotAnswer = true;
    if (terminal.isPresent() && !terminal.get().isDisabled() && payment.syssn().isEmpty()) {
      terminalSaid = "not asked: the payment has no syssn to query by";
    } else if (terminal.isPresent() && !terminal.get().isDisabled()) {
      TerminalOutcome outcome =
          TerminalCalls.sendAndWait(
              flow.ports.channel(),
              flow.shortEndpoint(terminal.get()),
              TerminalCommand.Query.bySyssn(payment.syssn().get()),
              flow.shortWait());
      flow.health.record(r.terminalId(), outcome);
      cannotAnswer = outcome instanceof TerminalOutcome.NotSent;
      if (outcome instanceof TerminalOutcome.Approved a) {
        binding = AnswerBinding.ofPaymentQuery(a.report(), payment, terminal.get().transport());
        showsRefund =
            binding instanceof AnswerBinding.Bound
                && showsThisRefund(payment, r, openRefundsOtherThan(r), a.report());
      }
      terminalSaid = Reconciler.said(outcome, verdictOf(showsRefund, binding));
    }
    List<ReconcileSources.Said> said = new ArrayList<>();
    Verdict verdict =
        loop.consult(
            r.terminalId(),
            new Reconciliation.Asked(verdictOf(showsRefund, binding), terminalSaid, cannotAnswer),
            r.syssn().map(s -> CloudQuery.bySyssn(s.value(), r.amount())).orElse(null),
            CloudRecord.Kind.REFUND,
            record ->
                CloudSource.refundMismatch(
                    record, r, payment.syssn().map(s -> s.value()).orElse(null)),
            said);
    return loop.conclude(
        refunds,
        id,
        said,
        fresh -> verdict,
        (fresh, v) -> RefundStarter.settleRefund(flow, fresh, v));
  }

  /**
   * A refund sent through QFPay's cloud: the terminal never saw it, so only the cloud is asked, by
   * the refund's own out_trade_no (and its syssn when known), and its record must be this refund
   * (amount, out_trade_no, the payment's syssn). 1143/1145 keep it UNKNOWN; no record or no answer
   * say nothing (after 24 h it is flagged for review). One still IN_PROGRESS holds no terminal
   * lease: it is taken up only once its exchange cannot be running any more ({@code sentAt +
   * exchangeBound}), i.e. the hub stopped while it was in flight.
   */
  private boolean reconcileCloud(Refund r, Instant now) {
    RefundId id = r.id();
    if (r.status() == TransactionStatus.IN_PROGRESS) {
      Instant sent = r.sentAt().orElse(r.createdAt());
      if (!now.isAfter(sent.plus(flow.settings.exchangeBound()))) {
        return false;
      }
      flow.change(
          refunds.label(id),
          () -> {
            Refund fresh = refunds.load(id);
            if (fresh.status() != TransactionStatus.IN_PROGRESS) {
              return List.of();
            }
            fresh.markUnknown(Reconciliation.HUB_RESTARTED, flow.now());
            refunds.save(fresh);
            return fresh.drainEvents();
          });
    } else if (r.status() != TransactionStatus.UNKNOWN || !r.isReconcileDue(now)) {
      return false;
    }
    Payment payment = flow.payment(r.paymentId());
    String paymentSyssn = payment.syssn().map(s -> s.value()).orElse(null);
    List<ReconcileSources.Said> said = new ArrayList<>();
    Verdict verdict =
        loop.consult(
            r.terminalId(),
            new Reconciliation.Asked(
                new Verdict.Unknown("refunded through QFPay's cloud; the terminal never saw it"),
                "not asked: refunded through QFPay's cloud",
                true),
            new CloudQuery(
                r.outTradeNo().orElseThrow(),
                r.syssn().map(s -> s.value()).orElse(null),
                r.amount().currency(),
                r.amount()),
            CloudRecord.Kind.REFUND,
            record -> CloudSource.refundMismatch(record, r, paymentSyssn),
            said);
    return loop.conclude(
        refunds,
        id,
        said,
        fresh -> verdict,
        (fresh, v) -> RefundStarter.settleRefund(flow, fresh, v));
  }

  /**
   * Success only when the payment's record shows the refund through a bound answer; an answer that
   * does not bind is reviewed; anything else is no answer.
   */
  private static Verdict verdictOf(boolean showsRefund, AnswerBinding.Result binding) {
    if (showsRefund && binding instanceof AnswerBinding.Bound b) {
      // the payment's record does not carry the refund's own syssn: the refund waits for the
      // notification that names it (which then confirms it instead of recording it again)
      return new Verdict.Succeeded(
          TransactionReport.EMPTY, "payment record shows the refund", b.confirmedBy(), true);
    }
    if (binding instanceof AnswerBinding.Mismatch m) {
      return new Verdict.Review(m.note());
    }
    return new Verdict.Unknown("the payment's record does not show the refund");
  }

  private boolean openRefundsOtherThan(Refund r) {
    return flow.tx(() -> flow.ports.refunds().findByPayment(r.paymentId())).stream()
        .anyMatch(o -> !o.id().equals(r.id()) && !o.status().isFinal());
  }

  /**
   * Whether the payment's record shows this refund: with other refunds open nothing can be
   * attributed; a refundable amount must equal "before minus this refund" in some reading (dollars
   * or cents) and "before" in none; without one, a refunded flag counts only when nothing was
   * refunded before.
   */
  static boolean showsThisRefund(
      Payment payment, Refund refund, boolean otherRefundsOpen, TransactionReport report) {
    if (otherRefundsOpen || payment.status() != TransactionStatus.SUCCEEDED) {
      return false;
    }
    Money before = payment.refundableAmount();
    Money after = before.minus(refund.amount());
    if (report.refundableAmountText() != null) {
      Set<Money> readings = readings(report.refundableAmountText(), payment.amount());
      return readings.contains(after) && !readings.contains(before);
    }
    String flag = report.fields().get("cancel");
    return flag != null
        && REFUNDED_FLAGS.contains(flag.trim())
        && payment.refundedAmount().isZero();
  }

  /** The amounts a terminal's amount text may mean: dollars, and cents when it is an integer. */
  static Set<Money> readings(String text, Money like) {
    return AnswerAmounts.readings(text, like);
  }
}

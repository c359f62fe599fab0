package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCalls;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import java.time.Instant;
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

  RefundReconciler(Flow flow) {
    this.flow = flow;
  }

  int reconcileDue(Instant now, int batch) {
    int settled = 0;
    for (Refund r : flow.tx(() -> flow.ports.refunds().findDueForReconciliation(now, batch))) {
      try {
        settled += reconcile(r.id(), now) ? 1 : 0;
      } catch (RuntimeException e) {
        Flow.LOG.log(System.Logger.Level.WARNING, "reconciling refund {0} failed: {1}", r.id(), e);
      }
    }
    return settled;
  }

  private boolean reconcile(RefundId id, Instant now) {
    Refund r = flow.tx(() -> flow.ports.refunds().findById(id)).orElseThrow();
    if (r.status() == TransactionStatus.IN_PROGRESS) {
      if (flow.leaseHeldFor(r.terminalId(), id.value(), now)) {
        return false;
      }
      flow.change("refund " + id, () -> markUnknownIfStillInProgress(id));
    } else if (!r.isReconcileDue(now)) {
      return false;
    }
    Payment payment = flow.payment(r.paymentId());
    Optional<Terminal> terminal = flow.tx(() -> flow.ports.terminals().findById(r.terminalId()));
    if (terminal.isPresent() && flow.leaseHeldByOther(r.terminalId(), id.value(), now)) {
      return false;
    }
    boolean showsRefund = false;
    AnswerBinding.Result binding = null;
    if (terminal.isPresent() && !terminal.get().isDisabled() && payment.syssn().isPresent()) {
      TerminalOutcome outcome =
          TerminalCalls.sendAndWait(
              flow.ports.channel(),
              flow.shortEndpoint(terminal.get()),
              TerminalCommand.Query.bySyssn(payment.syssn().get()),
              flow.shortWait());
      flow.health.record(r.terminalId(), outcome);
      if (outcome instanceof TerminalOutcome.Approved a) {
        binding = AnswerBinding.ofPaymentQuery(a.report(), payment, terminal.get().transport());
        showsRefund =
            binding instanceof AnswerBinding.Bound
                && showsThisRefund(payment, r, openRefundsOtherThan(r), a.report());
      }
    }
    boolean settle = showsRefund;
    AnswerBinding.Result bound = binding;
    flow.change(
        "refund " + id,
        () -> {
          Refund fresh = flow.ports.refunds().findById(id).orElseThrow();
          if (fresh.status() != TransactionStatus.UNKNOWN) {
            return List.of();
          }
          if (settle && bound instanceof AnswerBinding.Bound b) {
            var verdict =
                new Verdict.Succeeded(
                    TransactionReport.EMPTY,
                    "payment record shows the refund",
                    b.confirmedBy(),
                    b.confirmationPending());
            return RefundStarter.settleRefund(flow, fresh, verdict);
          }
          if (bound instanceof AnswerBinding.Mismatch m) {
            new Verdict.Review(m.note()).applyTo(fresh, flow.now());
          }
          scheduleNext(fresh, flow.now());
          flow.ports.refunds().save(fresh);
          return fresh.drainEvents();
        });
    return flow.tx(() -> flow.ports.refunds().findById(id)).orElseThrow().status().isFinal();
  }

  private List<TransactionEvent> markUnknownIfStillInProgress(RefundId id) {
    Refund r = flow.ports.refunds().findById(id).orElseThrow();
    if (r.status() != TransactionStatus.IN_PROGRESS) {
      return List.of();
    }
    r.markUnknown(Reconciler.HUB_RESTARTED, flow.now());
    flow.ports.refunds().save(r);
    return r.drainEvents();
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

  private static void scheduleNext(Refund r, Instant now) {
    Instant sent = r.sentAt().orElse(r.createdAt());
    Optional<Instant> next = ReconcileSchedule.next(r.reconcileAttempts() + 1, sent, now);
    r.recordReconcileAttempt(next.orElse(null), now);
    if (next.isEmpty() && !Reconciler.GIVEN_UP.equals(r.reviewNote().orElse(null))) {
      r.flagForReview(Reconciler.GIVEN_UP, now);
    }
  }
}

package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCalls;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * Refunds a payment through its terminal (1002) within {@link RefundPolicy}: decided, committed as
 * IN_PROGRESS under the terminal's lease, sent once, and settled when the terminal answers; a
 * success adds the amount to the payment's refunded total in the same unit of work.
 */
final class RefundStarter {
  private final Flow flow;
  private final IdGenerator ids;
  private final Executor outcomeExecutor;

  RefundStarter(Flow flow, IdGenerator ids, Executor outcomeExecutor) {
    this.flow = flow;
    this.ids = ids;
    this.outcomeExecutor = outcomeExecutor;
  }

  Refund refund(RefundPayment.Command command) {
    Objects.requireNonNull(command, "command");
    Payment payment = flow.payment(command.paymentId());
    requireCurrency(payment, command.amount());
    decide(payment, command.amount(), flow.now());
    Syssn original =
        payment
            .syssn()
            .orElseThrow(
                () ->
                    new DomainException(
                        "PAYMENT_NOT_REFUNDABLE",
                        "the payment has no QFPay transaction id (syssn) to refund"));
    Terminal terminal = flow.usableTerminal(payment.terminalId());
    RefundId id = new RefundId("ref_" + ids.next());
    String holder = flow.holder(id.value());
    if (!flow.acquire(terminal.id(), holder)) {
      throw new DomainException(
          "TERMINAL_BUSY",
          "terminal " + terminal.id() + " is busy with another payment or refund; try again");
    }
    Refund saved;
    try {
      saved = record(command, id);
    } catch (RuntimeException e) {
      flow.release(terminal.id(), holder);
      throw e;
    }
    var refund = new TerminalCommand.Refund(original, saved.amount());
    Refund asSent = saved;
    TerminalCalls.send(flow.ports.channel(), flow.businessEndpoint(terminal), refund)
        .whenCompleteAsync(
            (outcome, error) -> settle(asSent, original, terminal, holder, outcome, error),
            outcomeExecutor);
    return saved;
  }

  /**
   * A refund is in its payment's currency, and only in one the terminal's merchant takes (a payment
   * recorded before the terminal's list changed is not refunded in a currency it no longer takes).
   */
  private void requireCurrency(Payment payment, Money requested) {
    Currency currency = payment.amount().currency();
    if (requested != null && !requested.currency().equals(currency)) {
      throw new DomainException(
          "CURRENCY_MISMATCH",
          "currency",
          "the payment was made in "
              + currency.getCurrencyCode()
              + "; it is refunded in the same currency");
    }
    flow.usableTerminal(payment.terminalId()).requireAccepts(currency, flow.settings.currencies());
  }

  /**
   * Decides again on fresh state (under the lease), creates, marks sent, commits with its events.
   */
  private Refund record(RefundPayment.Command command, RefundId id) {
    Instant now = flow.now();
    return flow.tx(
        () -> {
          Payment fresh = flow.ports.payments().findById(command.paymentId()).orElseThrow();
          Money amount = decide(fresh, command.amount(), now);
          Refund created = Refund.create(id, fresh.id(), fresh.terminalId(), amount, now);
          created.markInProgress(now);
          Refund saved = flow.ports.refunds().save(created);
          flow.publish(created.drainEvents());
          return saved;
        });
  }

  /** The policy's amount, counting refunds of this payment that are not final yet as used. */
  private Money decide(Payment payment, Money requested, Instant now) {
    Money inFlight = Money.zero(payment.amount().currency());
    for (Refund r : flow.tx(() -> flow.ports.refunds().findByPayment(payment.id()))) {
      if (!r.status().isFinal()) {
        inFlight = inFlight.plus(r.amount());
      }
    }
    return RefundPolicy.decide(payment, requested, inFlight, now, flow.settings.cardRefundCutoff());
  }

  private void settle(
      Refund asSent,
      Syssn paymentSyssn,
      Terminal terminal,
      String holder,
      TerminalOutcome answer,
      Throwable error) {
    RefundId id = asSent.id();
    TerminalId terminalId = terminal.id();
    boolean held = flow.stillHolds(holder);
    try {
      TerminalOutcome outcome = TerminalCalls.outcomeOf(answer, error);
      Verdict verdict =
          flow.underLease(
              held, Verdict.ofRefundAnswer(outcome, asSent, paymentSyssn, terminal.transport()));
      flow.change(
          "refund " + id, () -> flow.releasingLease(terminalId, holder, () -> apply(id, verdict)));
      flow.health.record(terminal, outcome);
    } catch (RuntimeException e) {
      Flow.LOG.log(
          System.Logger.Level.ERROR,
          "could not record the answer of the terminal for refund {0}; reconciliation will retry: {1}",
          id,
          e.toString());
    } finally {
      flow.release(terminalId, holder);
    }
  }

  private List<TransactionEvent> apply(RefundId id, Verdict verdict) {
    Refund r = flow.ports.refunds().findById(id).orElse(null);
    verdict = unlessReplayed(r, verdict);
    if (r != null && verdict instanceof Verdict.Review) {
      verdict.applyTo(r, flow.now());
      flow.ports.refunds().save(r);
      return r.drainEvents();
    }
    if (r == null || !Settling.mayApply(r.status(), verdict)) {
      return List.of();
    }
    return settleRefund(flow, r, verdict);
  }

  /** A refund success whose syssn another refund already has is a replayed earlier approval. */
  private Verdict unlessReplayed(Refund r, Verdict verdict) {
    if (r == null || !(verdict instanceof Verdict.Succeeded s) || s.syssn() == null) {
      return verdict;
    }
    return flow.ports
        .refunds()
        .findBySyssn(s.syssn())
        .filter(other -> !other.id().equals(r.id()))
        .<Verdict>map(
            other ->
                new Verdict.Review(
                    "answer carries refund syssn "
                        + s.syssn()
                        + ", already recorded on refund "
                        + other.id()
                        + " (a replayed approval?); not settled on it"))
        .orElse(verdict);
  }

  /**
   * Moves {@code r} as {@code verdict} says; a success also adds the amount to the payment's
   * refunded total (or flags the payment when that would exceed what was refundable). Saves the
   * payment first, then the refund; returns the events of both.
   */
  static List<TransactionEvent> settleRefund(Flow flow, Refund r, Verdict verdict) {
    Instant now = flow.now();
    List<TransactionEvent> events = new ArrayList<>();
    verdict.applyTo(r, now);
    if (verdict instanceof Verdict.Succeeded) {
      Payment p = flow.ports.payments().findById(r.paymentId()).orElseThrow();
      try {
        p.recordRefund(r.amount(), now);
      } catch (DomainException e) {
        p.flagForReview("refund " + r.id() + " succeeded but " + e.getMessage(), now);
      }
      flow.ports.payments().save(p);
      events.addAll(p.drainEvents());
    }
    flow.ports.refunds().save(r);
    events.addAll(r.drainEvents());
    return events;
  }
}

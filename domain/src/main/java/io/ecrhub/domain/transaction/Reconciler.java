package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudLedgers;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCalls;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Use case implementation: settles payments and refunds whose outcome is not known by asking the
 * terminal (4001), on the {@link ReconcileSchedule} backoff. It changes state only on a definite
 * answer and never re-sends a payment or refund.
 *
 * <p>Due are UNKNOWN transactions whose next attempt has come, and IN_PROGRESS ones whose terminal
 * lease is no longer held for them: the hub stopped (or failed to record the answer) while they
 * were in flight, so they first become UNKNOWN ("hub restarted while in flight").
 *
 * <p>Payments are queried by out_trade_no. A transaction status of 0000 settles SUCCEEDED; a
 * pending status (1143/1145/1298) is not an answer; any other status settles DECLINED; an answer
 * that does not bind to the payment (ADR 0007) settles nothing and flags it. "No such transaction"
 * settles DECLINED (NOT_FOUND_ON_TERMINAL) only once the terminal can no longer be waiting for the
 * card ({@code sentAt + exchangeBound}), its app answers queries by out_trade_no (4.32.5+) and no
 * signed notification names the payment; otherwise it is not an answer (flagged for review).
 *
 * <p>Limitation for refunds: the terminal cannot be queried for a refund by our reference, so the
 * original payment is queried by its syssn, and the refund is settled SUCCEEDED only when that
 * record shows a refund consistent with this one (its refundable amount dropped by exactly this
 * refund, read in dollars or in cents and unambiguous, or a refunded flag when nothing else was
 * refunded). Otherwise the refund stays UNKNOWN until QFPay's refund notification settles it; the
 * hub never declares a refund DECLINED from a query.
 */
public final class Reconciler implements ReconcileInFlight {
  static final String HUB_RESTARTED = Reconciliation.HUB_RESTARTED;

  private static final Reconciliation.Asked NO_TERMINAL =
      new Reconciliation.Asked(
          new Verdict.Unknown("the terminal is missing or disabled; not queried"),
          "not asked: the terminal is missing or disabled",
          true);

  private final Flow flow;
  private final Reconciliation loop;
  private final Ledger<PaymentId, Payment> payments;
  private final RefundReconciler refunds;
  private final CloudConfirmation confirmations;

  /** Payments an attempt is working on right now (in this instance), completed when it ends. */
  private final ConcurrentHashMap<PaymentId, CompletableFuture<Void>> running =
      new ConcurrentHashMap<>();

  /**
   * @param instanceId this hub instance (as for {@link PaymentService}), no ':'
   */
  public Reconciler(
      TransactionPorts ports, Clock clock, String instanceId, TransactionSettings settings) {
    this(ports, clock, instanceId, settings, Optional.empty());
  }

  /**
   * @param cloud QFPay's cloud when an account is configured: the third source (ADR 0015), asked
   *     when the terminal cannot answer, and the confirmation of plain-transport settlements
   */
  public Reconciler(
      TransactionPorts ports,
      Clock clock,
      String instanceId,
      TransactionSettings settings,
      Optional<CloudLedger> cloud) {
    this(ports, clock, instanceId, settings, CloudLedgers.only(cloud));
  }

  /**
   * @param cloud the QFPay cloud account of each store (ADR 0028): the third source for the store's
   *     transactions and the confirmation of their plain-transport settlements
   */
  public Reconciler(
      TransactionPorts ports,
      Clock clock,
      String instanceId,
      TransactionSettings settings,
      CloudLedgers cloud) {
    this.flow = new Flow(ports, clock, instanceId, settings);
    CloudSource source = new CloudSource(flow, cloud);
    this.loop = new Reconciliation(flow, source);
    this.payments = Ledger.payments(ports);
    this.refunds = new RefundReconciler(flow, loop);
    this.confirmations = new CloudConfirmation(flow, source, loop);
  }

  @Override
  public int releaseLeasesOfEarlierRun() {
    return flow.tx(() -> flow.ports.leases().releaseAllHeldBy(flow.instanceId));
  }

  @Override
  public int reconcileDue() {
    Instant now = flow.now();
    int batch = flow.settings.reconcileBatchSize();
    int settled =
        loop.settleDue(payments, now, batch, p -> reconcile(p.id(), false))
            + refunds.reconcileDue(now, batch);
    confirmations.confirmDue(now, batch); // confirms settled payments: settles none
    return settled;
  }

  @Override
  public Payment reconcileNow(PaymentId paymentId) {
    flow.payment(paymentId);
    reconcile(paymentId, true);
    return flow.payment(paymentId);
  }

  /**
   * One attempt for one payment; true when it is settled afterwards. Attempts on one payment do not
   * overlap within this instance: the scheduled pass skips a payment another attempt is working on,
   * and a forced attempt waits for it (its query may already have settled the payment) and then
   * makes its own.
   */
  private boolean reconcile(PaymentId id, boolean forced) {
    while (true) {
      CompletableFuture<Void> mine = new CompletableFuture<>();
      CompletableFuture<Void> other = running.putIfAbsent(id, mine);
      if (other == null) {
        try {
          return attempt(id, forced);
        } finally {
          running.remove(id, mine);
          mine.complete(null);
        }
      }
      if (!forced) {
        return false;
      }
      other.join();
    }
  }

  private boolean attempt(PaymentId id, boolean forced) {
    Payment loaded = flow.payment(id);
    Instant now = flow.now();
    if (!loop.takeUp(payments, id, loaded, forced, now)) {
      return false;
    }
    Payment p = flow.payment(id);
    if (p.status() != TransactionStatus.UNKNOWN) {
      return p.status().isFinal();
    }
    Optional<Terminal> terminal = flow.tx(() -> flow.ports.terminals().findById(p.terminalId()));
    if (terminal.isPresent() && flow.leaseHeldByOther(p.terminalId(), id.value(), now)) {
      return false;
    }
    Reconciliation.Asked asked =
        terminal.filter(t -> !t.isDisabled()).map(t -> query(p, t)).orElse(NO_TERMINAL);
    List<ReconcileSources.Said> said = new ArrayList<>();
    Verdict verdict =
        loop.consult(
            p.terminalId(),
            asked,
            new CloudQuery(
                p.outTradeNo().value(),
                p.syssn().map(Syssn::value).orElse(null),
                p.amount().currency(),
                p.amount()),
            CloudRecord.Kind.PAYMENT,
            said);
    return loop.conclude(
        payments,
        id,
        said,
        fresh -> PaymentService.unlessReplayed(flow, fresh, verdict),
        Reconciliation.applying(flow, payments));
  }

  private Reconciliation.Asked query(Payment p, Terminal terminal) {
    TerminalOutcome outcome =
        TerminalCalls.sendAndWait(
            flow.ports.channel(),
            flow.shortEndpoint(terminal),
            TerminalCommand.Query.byOutTradeNo(p.outTradeNo()),
            flow.shortWait());
    flow.health.record(p.terminalId(), outcome);
    Verdict v = verdictOfQuery(p, terminal, outcome, flow.now());
    boolean cannotAnswer =
        outcome instanceof TerminalOutcome.NotSent
            || (outcome instanceof TerminalOutcome.NotFound && !answersByOutTradeNo(terminal));
    return new Reconciliation.Asked(v, said(outcome, v), cannotAnswer);
  }

  /** A short account of a terminal's answer to a query, for the reconciliation view. */
  static String said(TerminalOutcome outcome, Verdict v) {
    String what =
        switch (outcome) {
          case TerminalOutcome.NotSent n -> "not reached (" + n.cause() + ")";
          case TerminalOutcome.NotFound f -> "no such transaction";
          case TerminalOutcome.Approved a -> "answered (" + a.report().statusCode() + ")";
          case TerminalOutcome.OutcomeUnknown u -> "no answer";
          default -> outcome.getClass().getSimpleName();
        };
    String why =
        switch (v) {
          case Verdict.Unknown u -> u.why();
          case Verdict.Review r -> "review: " + r.note();
          default -> v.target().name().toLowerCase(java.util.Locale.ROOT);
        };
    return what + " — " + why;
  }

  private static boolean answersByOutTradeNo(Terminal terminal) {
    return terminal.appVersion().filter(v -> v.compareTo(OUT_TRADE_NO_QUERY) >= 0).isPresent();
  }

  /**
   * What a query answer means for an UNKNOWN payment; {@link Verdict.Unknown} if not definite, a
   * {@link Verdict.Review} when the answer does not bind to the payment (ADR 0007). "No such
   * transaction" is a decline only once the terminal cannot be waiting for the card any more, its
   * app is known to answer queries by out_trade_no, and no signed notification names the payment.
   */
  Verdict verdictOfQuery(Payment p, Terminal terminal, TerminalOutcome outcome, Instant now) {
    return switch (outcome) {
      case TerminalOutcome.Approved a -> {
        var report = a.report();
        yield Verdict.bound(
            AnswerBinding.ofPaymentQuery(report, p, terminal.transport()),
            report,
            "terminal query (4001)");
      }
      case TerminalOutcome.NotFound f -> notFound(p, terminal, f, now);
      default -> new Verdict.Unknown("query gave no answer");
    };
  }

  /** First Haojin version that answers a query by out_trade_no (protocol notes §1.1). */
  static final AppVersion OUT_TRADE_NO_QUERY = new AppVersion(4, 32, 5);

  private Verdict notFound(Payment p, Terminal terminal, TerminalOutcome.NotFound f, Instant now) {
    Instant sent = p.sentAt().orElse(p.createdAt());
    if (!now.isAfter(sent.plus(flow.settings.exchangeBound()))) {
      return new Verdict.Unknown("not found yet; the terminal may still be waiting for the card");
    }
    Optional<AppVersion> version = terminal.appVersion();
    if (version.isEmpty() || version.get().compareTo(OUT_TRADE_NO_QUERY) < 0) {
      return new Verdict.Review(
          "the terminal reports no such transaction, but its Haojin app ("
              + version.map(AppVersion::toString).orElse("version unknown")
              + ") is not known to answer queries by out_trade_no (needs "
              + OUT_TRADE_NO_QUERY
              + "); not declined: check it in the QFPay merchant portal");
    }
    if (flow.tx(() -> flow.ports.notificationTrail().anyFor(p.outTradeNo()))) {
      return new Verdict.Review(
          "the terminal reports no such transaction, but a signed QFPay notification names "
              + p.outTradeNo()
              + "; not declined");
    }
    return new Verdict.Declined(
        DeclineReason.NOT_FOUND_ON_TERMINAL, f.rawCode(), "the terminal has no record of it");
  }
}

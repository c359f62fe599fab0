package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCalls;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Refunds a payment by the route {@link RefundRouting} chooses (ADR 0021). Through the terminal
 * (1002) within {@link RefundPolicy}: decided, committed as IN_PROGRESS under the terminal's lease,
 * sent once, and settled when the terminal answers; a request routed {@code auto} that provably
 * never reached the terminal (NotSent) goes on through the cloud, and its caller is answered as a
 * {@code cloud} refund's is (the refusal's 422, 503 when the cloud is not reached either). Through
 * QFPay's cloud: committed IN_PROGRESS with its own out_trade_no and sent once by {@link
 * CloudRefunder}. A success adds the amount to the payment's refunded total in the same unit of
 * work.
 */
final class RefundStarter {
  private static final int RECORD_ATTEMPTS = 3;

  /** Beyond the connect budget, what an {@code auto} refund waits to learn it was NotSent. */
  private static final Duration ROUTE_MARGIN = Duration.ofSeconds(2);

  /**
   * The longest a rerouted refund's caller waits for the cloud's answer; the cloud call is bounded
   * by its own timeouts well within it.
   */
  private static final Duration CLOUD_WAIT = Duration.ofMinutes(3);

  private final Flow flow;
  private final IdGenerator ids;
  private final Executor outcomeExecutor;
  private final CloudRefunder cloud;

  RefundStarter(Flow flow, IdGenerator ids, Executor outcomeExecutor, CloudRefunder cloud) {
    this.flow = flow;
    this.ids = ids;
    this.outcomeExecutor = outcomeExecutor;
    this.cloud = cloud;
  }

  Refund refund(RefundPayment.Command command) {
    Objects.requireNonNull(command, "command");
    Payment payment = flow.payment(command.paymentId());
    requireSameCurrency(payment, command.amount());
    Instant now = flow.now();
    Money amount = decide(payment, command.amount(), now, RefundRoute.CLOUD);
    Syssn original =
        payment
            .syssn()
            .orElseThrow(
                () ->
                    new DomainException(
                        "PAYMENT_NOT_REFUNDABLE",
                        "the payment has no QFPay transaction id (syssn) to refund"));
    Optional<Terminal> terminal =
        flow.tx(() -> flow.ports.terminals().findById(payment.terminalId()));
    RefundRouting.Decision route =
        RefundRouting.choose(
            command.route(),
            payment,
            amount,
            terminal,
            cloud.configured(payment.terminalId()),
            now,
            flow.settings.cardRefundCutoff());
    return route.route() == RefundRoute.CLOUD
        ? throughCloud(command, original, route)
        : throughTerminal(command, original, route);
  }

  private Refund throughCloud(
      RefundPayment.Command command, Syssn original, RefundRouting.Decision route) {
    RefundId id = new RefundId("ref_" + ids.next());
    Refund saved = record(command, id, route);
    return cloud.send(saved.id(), original);
  }

  private Refund throughTerminal(
      RefundPayment.Command command, Syssn original, RefundRouting.Decision route) {
    Payment payment = flow.payment(command.paymentId());
    requireCurrency(payment, command.amount());
    decide(payment, command.amount(), flow.now(), RefundRoute.TERMINAL);
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
      saved = record(command, id, route);
    } catch (RuntimeException e) {
      flow.release(terminal.id(), holder);
      throw e;
    }
    var refund = new TerminalCommand.Refund(original, saved.amount());
    Refund asSent = saved;
    boolean fallback =
        command.route() == RefundRoute.Choice.AUTO && cloud.configured(terminal.id());
    Reroute reroute = new Reroute();
    TerminalCalls.send(
            flow.ports.channel(),
            flow.businessEndpoint(terminal),
            refund,
            () -> reroute.written.complete(Boolean.TRUE))
        .whenCompleteAsync(
            (outcome, error) ->
                settle(asSent, original, terminal, holder, fallback, reroute, outcome, error),
            outcomeExecutor);
    return fallback ? answerOf(saved, reroute) : saved;
  }

  /**
   * What became of an {@code auto} refund's terminal attempt: {@code routed} completes true when it
   * was NotSent and goes on through the cloud, false once the terminal's outcome is recorded;
   * {@code cloudDone} completes after the cloud's answer is recorded, with the refusal to raise (or
   * null); {@code written} completes when the channel signals the request was written to the
   * terminal's connection.
   */
  private static final class Reroute {
    final CompletableFuture<Boolean> routed = new CompletableFuture<>();
    final CompletableFuture<Boolean> written = new CompletableFuture<>();
    final CompletableFuture<DomainException> cloudDone = new CompletableFuture<>();
  }

  /**
   * The answer to the caller of an {@code auto} refund sent to its terminal (ADR 0021). A NotSent
   * is known within the connect budget (refused connection, no route, TLS refused): then the refund
   * went on through the cloud and is answered as a {@code cloud} refund is (SUCCEEDED, UNKNOWN, or
   * the refusal's 422/503, the refund recorded DECLINED or FAILED). Any other outcome, the request
   * written to the terminal's connection (it may be on the terminal's screen now: no NotSent is to
   * be proved any more), or neither within the connect budget answers with the refund as it stands:
   * IN_PROGRESS on the terminal, followed asynchronously. The written signal only ends the wait
   * early; were a NotSent to follow it (a USB-framed terminal's error packet), the refund still
   * goes on through the cloud, the caller learning it from the refund, not from this answer.
   */
  private Refund answerOf(Refund saved, Reroute reroute) {
    Duration budget = flow.settings.connectTimeout().plus(ROUTE_MARGIN);
    await(CompletableFuture.anyOf(reroute.routed, reroute.written), budget);
    if (Boolean.TRUE.equals(reroute.routed.getNow(null))) {
      DomainException refused = await(reroute.cloudDone, CLOUD_WAIT);
      if (refused != null) {
        throw refused;
      }
    }
    return flow.tx(() -> flow.ports.refunds().findById(saved.id())).orElse(saved);
  }

  /** The value of {@code f} within {@code max}, or null. */
  private static <T> T await(CompletableFuture<T> f, Duration max) {
    try {
      return f.get(max.toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return null;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return null;
    }
  }

  /** A refund is in its payment's currency. */
  private static void requireSameCurrency(Payment payment, Money requested) {
    Currency currency = payment.amount().currency();
    if (requested != null && !requested.currency().equals(currency)) {
      throw new DomainException(
          "CURRENCY_MISMATCH",
          "currency",
          "the payment was made in "
              + currency.getCurrencyCode()
              + "; it is refunded in the same currency");
    }
  }

  /**
   * A refund is in its payment's currency, and only in one the terminal's merchant takes (a payment
   * recorded before the terminal's list changed is not refunded in a currency it no longer takes).
   */
  private void requireCurrency(Payment payment, Money requested) {
    requireSameCurrency(payment, requested);
    flow.usableTerminal(payment.terminalId())
        .requireAccepts(payment.amount().currency(), flow.settings.currencies());
  }

  /**
   * Decides again on fresh state (under the terminal's lease for the terminal route), creates,
   * marks sent, commits with its events. The payment is touched and saved in the same unit of work:
   * its version makes two refunds of one payment decided at the same time conflict, and the later
   * one decides again on what the first left refundable.
   */
  private Refund record(RefundPayment.Command command, RefundId id, RefundRouting.Decision route) {
    for (int attempt = 1; ; attempt++) {
      try {
        return recordOnce(command, id, route);
      } catch (ConcurrentModificationException e) {
        if (attempt >= RECORD_ATTEMPTS) {
          throw e;
        }
      }
    }
  }

  private Refund recordOnce(
      RefundPayment.Command command, RefundId id, RefundRouting.Decision route) {
    Instant now = flow.now();
    RefundRoute way = route.route();
    return flow.tx(
        () -> {
          Payment fresh = flow.ports.payments().findById(command.paymentId()).orElseThrow();
          Money amount = decide(fresh, command.amount(), now, way);
          Refund created =
              Refund.create(
                  new Refund.Facts(id, fresh.id(), fresh.terminalId(), amount),
                  way,
                  way == RefundRoute.CLOUD ? CloudRefunder.outTradeNo(id) : null,
                  way == RefundRoute.CLOUD ? route.why() : null,
                  now);
          created.markInProgress(now);
          fresh.lifecycle().touch(now);
          flow.ports.payments().save(fresh);
          Refund saved = flow.ports.refunds().save(created);
          flow.publish(created.drainEvents());
          return saved;
        });
  }

  /**
   * The policy's amount for {@code route}, counting refunds of this payment that are not final yet
   * as used: the terminal's rules (same-day, full card refunds) for the terminal, the rules of
   * every route for the cloud (QFPay answers its own).
   */
  private Money decide(Payment payment, Money requested, Instant now, RefundRoute route) {
    Money inFlight = Money.zero(payment.amount().currency());
    for (Refund r : flow.tx(() -> flow.ports.refunds().findByPayment(payment.id()))) {
      if (!r.status().isFinal()) {
        inFlight = inFlight.plus(r.amount());
      }
    }
    return route == RefundRoute.CLOUD
        ? RefundPolicy.decideAnyRoute(payment, requested, inFlight)
        : RefundPolicy.decide(payment, requested, inFlight, now, flow.settings.cardRefundCutoff());
  }

  private void settle(
      Refund asSent,
      Syssn paymentSyssn,
      Terminal terminal,
      String holder,
      boolean fallback,
      Reroute reroute,
      TerminalOutcome answer,
      Throwable error) {
    RefundId id = asSent.id();
    TerminalId terminalId = terminal.id();
    boolean held = flow.stillHolds(holder);
    boolean rerouted = false;
    try {
      TerminalOutcome outcome = TerminalCalls.outcomeOf(answer, error);
      if (fallback && outcome instanceof TerminalOutcome.NotSent n) {
        flow.change(
            "refund " + id, () -> flow.releasingLease(terminalId, holder, () -> reroute(id, n)));
        flow.health.record(terminal, outcome);
        rerouted = true;
        return;
      }
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
      if (rerouted) {
        reroute.routed.complete(true);
        reroute.cloudDone.complete(sendRerouted(id, paymentSyssn));
      } else {
        reroute.routed.complete(false);
      }
    }
  }

  /** The terminal route's refund goes through the cloud: nothing reached the terminal. */
  private List<TransactionEvent> reroute(RefundId id, TerminalOutcome.NotSent n) {
    Refund r = flow.ports.refunds().findById(id).orElse(null);
    if (r == null
        || r.status() != TransactionStatus.IN_PROGRESS
        || r.route().orElse(null) != RefundRoute.TERMINAL) {
      return List.of();
    }
    r.rerouteToCloud(
        CloudRefunder.outTradeNo(id),
        "the terminal was not reached (" + n.cause() + "), nothing was sent to it",
        flow.now());
    flow.ports.refunds().save(r);
    return r.drainEvents();
  }

  /**
   * Sends the rerouted refund through the cloud; returns the refusal the caller is answered with
   * (the refund is recorded DECLINED or FAILED), or null.
   */
  private DomainException sendRerouted(RefundId id, Syssn paymentSyssn) {
    try {
      Refund r = flow.tx(() -> flow.ports.refunds().findById(id)).orElseThrow();
      if (r.route().orElse(null) == RefundRoute.CLOUD
          && r.status() == TransactionStatus.IN_PROGRESS) {
        cloud.send(id, paymentSyssn);
      }
    } catch (DomainException e) {
      Flow.LOG.log(
          System.Logger.Level.INFO,
          "refund {0} through the cloud after the terminal was not reached: {1}",
          id,
          e.getMessage());
      return e;
    } catch (RuntimeException e) {
      Flow.LOG.log(
          System.Logger.Level.ERROR,
          "could not record the cloud answer for refund {0}; reconciliation will query it: {1}",
          id,
          e.toString());
    }
    return null;
  }

  private List<TransactionEvent> apply(RefundId id, Verdict verdict) {
    return applyAnswer(flow, id, verdict);
  }

  /**
   * Applies an answer to the refund {@code id}: a review flags it, a verdict moves it when {@link
   * Settling} allows (a success also counts on its payment); returns the events.
   */
  static List<TransactionEvent> applyAnswer(Flow flow, RefundId id, Verdict verdict) {
    Refund r = flow.ports.refunds().findById(id).orElse(null);
    verdict = unlessReplayed(flow, r, verdict);
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
  private static Verdict unlessReplayed(Flow flow, Refund r, Verdict verdict) {
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

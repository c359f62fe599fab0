package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudLedgers;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCalls;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.terminal.TransportRouter;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Use case implementation: starts payments on terminals, cancels them and refunds them.
 *
 * <p>A payment is committed as IN_PROGRESS (with its out_trade_no) before anything is sent, under
 * the terminal's lease; the terminal's answer is applied later, on {@code outcomeExecutor}, in a
 * new unit of work that also releases the lease. No database transaction spans terminal I/O. A
 * payment is sent at most once: nothing here ever re-sends it.
 */
public final class PaymentService
    implements StartPayment, CancelPayment, RefundPayment, RenewLeases, DrainExchanges {
  private final Flow flow;
  private final IdGenerator ids;
  private final Executor outcomeExecutor;
  private final RefundStarter refunds;

  /** Set once the instance drains: new payments and refunds are refused. */
  private volatile boolean draining;

  /** Payments and refunds admitted and not yet sent (or refused): the drain waits for them too. */
  private final AtomicInteger starting = new AtomicInteger();

  /**
   * @param instanceId this hub instance (part of every lease holder), no ':'
   * @param outcomeExecutor where terminal answers are applied; must not be a network event loop,
   *     because applying blocks on the database
   */
  public PaymentService(
      TransactionPorts ports,
      Clock clock,
      IdGenerator ids,
      String instanceId,
      TransactionSettings settings,
      Executor outcomeExecutor) {
    this(ports, clock, ids, instanceId, settings, outcomeExecutor, Optional.empty());
  }

  /**
   * @param cloud QFPay's cloud when an account is configured: the refund route besides the terminal
   *     (ADR 0021)
   */
  public PaymentService(
      TransactionPorts ports,
      Clock clock,
      IdGenerator ids,
      String instanceId,
      TransactionSettings settings,
      Executor outcomeExecutor,
      Optional<CloudLedger> cloud) {
    this(ports, clock, ids, instanceId, settings, outcomeExecutor, CloudLedgers.only(cloud));
  }

  /**
   * @param cloud the QFPay cloud account of each store (ADR 0028): the refund route besides the
   *     terminal for the store's payments (ADR 0021)
   */
  public PaymentService(
      TransactionPorts ports,
      Clock clock,
      IdGenerator ids,
      String instanceId,
      TransactionSettings settings,
      Executor outcomeExecutor,
      CloudLedgers cloud) {
    this.flow = new Flow(ports, clock, instanceId, settings);
    this.ids = Objects.requireNonNull(ids, "ids");
    this.outcomeExecutor = Objects.requireNonNull(outcomeExecutor, "outcomeExecutor");
    this.refunds = new RefundStarter(flow, ids, outcomeExecutor, new CloudRefunder(flow, cloud));
  }

  @Override
  public Payment start(StartPayment.Command command) {
    Objects.requireNonNull(command, "command");
    admit();
    try {
      return startAdmitted(command);
    } finally {
      starting.decrementAndGet();
    }
  }

  /**
   * Counts a payment or refund that is about to start, or refuses it when the instance drains. The
   * flag is read again after counting, so the drain either sees the start counted or the start sees
   * the drain.
   */
  private void admit() {
    if (!draining) {
      starting.incrementAndGet();
      if (!draining) {
        return;
      }
      starting.decrementAndGet();
    }
    throw new DomainException(
        "HUB_DRAINING",
        "this hub instance is shutting down and takes no new payments or refunds; send it to"
            + " another instance (retry)");
  }

  private Payment startAdmitted(StartPayment.Command command) {
    String raw = ids.next();
    PaymentId id = new PaymentId("pay_" + raw);
    OutTradeNo outTradeNo = outTradeNo(raw, command.reference());
    String holder = flow.holder(id.value());
    Started started;
    try {
      started = record(command, id, outTradeNo, holder);
    } catch (ConcurrentModificationException e) {
      // The lease was rolled back with the payment; releasing (only ever this payment's own
      // holder) is the safety net for stores without rollback, a no-op otherwise.
      flow.release(command.terminalId(), holder);
      if (command.idempotencyKey() != null) {
        Optional<Payment> winner = replay(command);
        if (winner.isPresent()) {
          return winner.get();
        }
      }
      throw e;
    } catch (RuntimeException e) {
      flow.release(command.terminalId(), holder);
      throw e;
    }
    if (started != null && started.replayed()) {
      return started.payment();
    }
    if (started == null) {
      throw new DomainException(
          "TERMINAL_BUSY",
          "terminal "
              + command.terminalId()
              + " is busy with another payment or refund; try again");
    }
    Terminal terminal = started.terminal();
    Payment saved = started.payment();
    flow.heartbeat.hold(terminal.id(), holder, saved.sentAt().orElse(saved.createdAt()));
    var pay =
        new TerminalCommand.Pay(
            saved.amount(),
            saved.channel(),
            saved.outTradeNo(),
            flow.settings.paymentTimeoutFor(saved.channel()));
    Payment.Snapshot asSent = saved.snapshot();
    TerminalEndpoint endpoint = flow.businessEndpoint(terminal);
    TerminalCalls.send(flow.ports.channel(), endpoint, pay)
        .whenCompleteAsync(
            (outcome, error) -> settle(asSent, terminal, endpoint, pay, holder, outcome, error),
            outcomeExecutor);
    return saved;
  }

  /**
   * The terminal and the payment recorded IN_PROGRESS under its lease; or, when {@code replayed},
   * the payment an earlier request with the same idempotency key created (nothing to send).
   */
  private record Started(Terminal terminal, Payment payment, boolean replayed) {}

  /**
   * One unit of work (one commit on the critical path): looks up the idempotency key, reads the
   * terminal, takes its lease, creates the payment, marks it sent and stores it with its events, so
   * the lease row and the payment row commit together. Returns the earlier payment for a known
   * idempotency key, writing nothing; returns null, having written nothing, when the lease is held
   * by another transaction. An unknown, disabled or unsuitable terminal throws before the lease is
   * taken.
   */
  private Started record(
      StartPayment.Command c, PaymentId id, OutTradeNo outTradeNo, String holder) {
    return flow.tx(
        () -> {
          Optional<Payment> earlier = earlier(c);
          if (earlier.isPresent()) {
            return new Started(null, earlier.get(), true);
          }
          Terminal terminal = flow.usableTerminal(c.terminalId());
          terminal.requireSupports(c.channel());
          terminal.requireAccepts(c.amount().currency(), flow.settings.currencies());
          Instant now = flow.now();
          if (!flow.ports
              .leases()
              .tryAcquire(terminal.id(), holder, flow.settings.leaseTtl(), now)) {
            return null;
          }
          Payment p =
              Payment.create(
                  new Payment.Facts(
                      id,
                      c.terminalId(),
                      c.amount(),
                      c.channel(),
                      outTradeNo,
                      c.reference(),
                      c.idempotencyKey(),
                      c.fingerprint()),
                  now);
          p.markInProgress(now);
          p.sendVia(terminal.transport());
          Payment saved = flow.ports.payments().save(p);
          flow.publish(p.drainEvents());
          return new Started(terminal, saved, false);
        });
  }

  /** The payment an earlier request with the same idempotency key created, if any. */
  private Optional<Payment> replay(StartPayment.Command c) {
    return flow.tx(() -> earlier(c));
  }

  /**
   * In the caller's unit of work: the payment an earlier request with the same idempotency key
   * created, if any; a different request under that key is refused.
   */
  private Optional<Payment> earlier(StartPayment.Command c) {
    if (c.idempotencyKey() == null) {
      return Optional.empty();
    }
    Optional<Payment> earlier = flow.ports.payments().findByIdempotencyKey(c.idempotencyKey());
    if (earlier.isPresent() && !c.fingerprint().equals(earlier.get().requestFingerprint())) {
      throw new DomainException(
          "IDEMPOTENCY_CONFLICT",
          "Idempotency-Key",
          "this Idempotency-Key was used for a different payment request");
    }
    return earlier;
  }

  /** {@code EH<id>[-<reference>]}, at most 64 characters; unique because the id is. */
  static OutTradeNo outTradeNo(String rawId, String reference) {
    String base = "EH" + rawId;
    String full = reference == null ? base : base + "-" + reference;
    return OutTradeNo.of(full.length() > 64 ? full.substring(0, 64) : full);
  }

  /**
   * What became of the payment's request. A LAN attempt that provably never reached a terminal with
   * a cloud fallback ({@link TransportRouter#fallsBack(TerminalEndpoint, TerminalOutcome)}) goes on
   * through QFPay's cloud, once; any other outcome is applied ({@link #record}), and what it says
   * about the terminal is recorded.
   */
  private void settle(
      Payment.Snapshot asSent,
      Terminal terminal,
      TerminalEndpoint endpoint,
      TerminalCommand.Pay pay,
      String holder,
      TerminalOutcome answer,
      Throwable error) {
    TerminalOutcome outcome = TerminalCalls.outcomeOf(answer, error);
    if (TransportRouter.fallsBack(endpoint, outcome)
        && pushedThroughCloud(
            asSent.facts().id(),
            terminal,
            endpoint,
            pay,
            holder,
            (TerminalOutcome.NotSent) outcome)) {
      return;
    }
    record(asSent, asSent.facts().id(), terminal, terminal.transport(), holder, outcome);
    flow.health.record(terminal, outcome);
  }

  /**
   * The cloud fallback (ADR 0022): records on the payment, with an event, that it goes through
   * QFPay's cloud (so it says which transport carried it), records the terminal's LAN as not
   * reached, and pushes the same payment (same out_trade_no) through the cloud once; its outcome is
   * applied as an answer over {@link Transport#CLOUD}. False, having sent nothing, when the payment
   * is no longer this instance's to send (lease lost, moved on meanwhile).
   */
  private boolean pushedThroughCloud(
      PaymentId id,
      Terminal terminal,
      TerminalEndpoint endpoint,
      TerminalCommand.Pay pay,
      String holder,
      TerminalOutcome.NotSent lan) {
    if (!flow.stillHolds(holder)) {
      return false;
    }
    AtomicBoolean moved = new AtomicBoolean();
    try {
      flow.change(
          "payment " + id,
          () -> {
            Payment p = flow.ports.payments().findById(id).orElse(null);
            if (p == null
                || p.status() != TransactionStatus.IN_PROGRESS
                || p.sentVia().orElse(null) == Transport.CLOUD) {
              return List.of();
            }
            p.sendThroughCloud(
                "the LAN request to terminal "
                    + terminal.id()
                    + " was not sent ("
                    + lan.cause()
                    + "), pushed once under the same out_trade_no",
                flow.now());
            flow.ports.payments().save(p);
            moved.set(true);
            return p.drainEvents();
          });
    } catch (RuntimeException e) {
      Flow.LOG.log(
          System.Logger.Level.ERROR,
          "could not record the cloud fallback of payment {0}; not pushed: {1}",
          id,
          e.toString());
      return false;
    }
    if (!moved.get()) {
      return false;
    }
    flow.health.record(terminal, lan);
    Flow.LOG.log(
        System.Logger.Level.INFO,
        "terminal {0}: payment {1} not sent over the LAN ({2}); pushed once through QFPay''s cloud",
        terminal.id(),
        id,
        lan.cause());
    TerminalCalls.send(flow.ports.channel(), endpoint.throughCloud(), pay)
        .whenCompleteAsync(
            (outcome, error) ->
                record(
                    null,
                    id,
                    terminal,
                    Transport.CLOUD,
                    holder,
                    TransportRouter.noted(lan, TerminalCalls.outcomeOf(outcome, error))),
            outcomeExecutor);
    return true;
  }

  /**
   * Applies the answer received over {@code via} and frees the lease in the same unit of work (a
   * cashier who sees the outcome may start the next payment at once). When {@code asSent} is given
   * the first attempt starts from the payment as it was sent (nothing else has usually changed it
   * since): its save is conditional on that version, so a change made meanwhile (a reconciliation,
   * a notification) fails it and the next attempt re-reads the payment; without it the payment is
   * read.
   */
  private void record(
      Payment.Snapshot asSent,
      PaymentId id,
      Terminal terminal,
      Transport via,
      String holder,
      TerminalOutcome outcome) {
    TerminalId terminalId = terminal.id();
    // Once the lease is lost another instance may have moved the payment on: re-read it, and
    // record only an answer that settles it by itself.
    boolean held = flow.stillHolds(holder);
    try {
      Payment basis = asSent != null ? Payment.restore(asSent) : flow.payment(id);
      Verdict verdict = flow.underLease(held, Verdict.ofTradeAnswer(outcome, basis, via));
      AtomicReference<Payment.Snapshot> unread =
          new AtomicReference<>(held && asSent != null ? asSent : null);
      flow.change(
          "payment " + id,
          () ->
              flow.releasingLease(
                  terminalId, holder, () -> apply(id, unread.getAndSet(null), verdict)));
    } catch (RuntimeException e) {
      Flow.LOG.log(
          System.Logger.Level.ERROR,
          "could not record the answer of the terminal for payment {0}; reconciliation will retry: {1}",
          id,
          e.toString());
      // The unit of work that records the answer also frees the terminal; only when it failed
      // does the lease need a unit of work of its own.
      flow.release(terminalId, holder);
    } finally {
      flow.stopRenewing(holder);
    }
  }

  /**
   * @param known the payment's state when the caller knows it without reading it, else null
   */
  private List<TransactionEvent> apply(PaymentId id, Payment.Snapshot known, Verdict verdict) {
    Payment p =
        known != null ? Payment.restore(known) : flow.ports.payments().findById(id).orElse(null);
    Instant now = flow.now();
    verdict = unlessReplayed(flow, p, verdict);
    if (p != null && verdict instanceof Verdict.Review) {
      verdict.applyTo(p, now);
      flow.ports.payments().save(p);
      return p.drainEvents();
    }
    if (p == null || !Settling.mayApply(p.status(), verdict)) {
      if (p != null && Settling.contradicts(p.status(), verdict)) {
        p.flagForReview(
            "terminal answered " + verdict.target() + " after the payment was " + p.status(), now);
        flow.ports.payments().save(p);
        return p.drainEvents();
      }
      return List.of();
    }
    verdict.applyTo(p, now);
    flow.ports.payments().save(p);
    return p.drainEvents();
  }

  /**
   * A success whose syssn is already recorded on another payment is a replayed earlier approval: it
   * settles nothing (ADR 0007).
   */
  static Verdict unlessReplayed(Flow flow, Payment p, Verdict verdict) {
    if (p == null || !(verdict instanceof Verdict.Succeeded s) || s.syssn() == null) {
      return verdict;
    }
    return flow.ports
        .payments()
        .findBySyssn(s.syssn())
        .filter(other -> !other.id().equals(p.id()))
        .<Verdict>map(
            other ->
                new Verdict.Review(
                    "answer carries syssn "
                        + s.syssn()
                        + ", already recorded on payment "
                        + other.id()
                        + " (a replayed approval?); not settled on it"))
        .orElse(verdict);
  }

  @Override
  public Payment cancel(PaymentId paymentId) {
    Payment p = flow.payment(paymentId);
    return switch (p.status()) {
      case PENDING -> cancelLocally(paymentId);
      case IN_PROGRESS, UNKNOWN -> requestCancel(p);
      default ->
          throw new DomainException(
              "PAYMENT_NOT_CANCELLABLE", "payment " + paymentId + " is already " + p.status());
    };
  }

  private Payment cancelLocally(PaymentId id) {
    flow.change(
        "payment " + id,
        () -> {
          Payment p = flow.ports.payments().findById(id).orElseThrow();
          if (p.status() != TransactionStatus.PENDING) {
            return List.of();
          }
          p.cancel("cancelled before it was sent", flow.now());
          flow.ports.payments().save(p);
          return p.drainEvents();
        });
    return flow.payment(id);
  }

  /**
   * Sends 5001 to the terminal. It does not take the lease (the cancel overlaps the trade, as in
   * Odoo); the trade's own answer (6001) ends the payment. Refused when the terminal is busy with
   * another transaction, because 5001 would cancel that one.
   */
  private Payment requestCancel(Payment p) {
    Terminal terminal = flow.usableTerminal(p.terminalId());
    if (flow.leaseHeldByOther(terminal.id(), p.id().value(), flow.now())) {
      throw new DomainException(
          "TERMINAL_BUSY",
          "terminal "
              + terminal.id()
              + " is working on another transaction; cancelling now would"
              + " cancel that one");
    }
    TerminalOutcome outcome =
        TerminalCalls.sendAndWait(
            flow.ports.channel(),
            flow.shortEndpoint(terminal),
            new TerminalCommand.CancelRequest(),
            flow.shortWait());
    flow.health.record(terminal, outcome);
    switch (outcome) {
      case TerminalOutcome.NotSent n -> throw notDelivered(n.cause() + ": " + n.detail());
      case TerminalOutcome.Busy b -> throw notDelivered("busy: " + b.detail());
      case TerminalOutcome.KeyMismatch k -> throw notDelivered("key mismatch " + k.rawCode());
      case TerminalOutcome.LoggedOut l -> throw notDelivered("the Haojin app is logged out");
      case TerminalOutcome.ProtocolError e -> throw notDelivered("respcd " + e.rawCode());
      default -> {}
    }
    return flow.payment(p.id());
  }

  private static DomainException notDelivered(String why) {
    return new DomainException(
        "CANCEL_NOT_DELIVERED", "the terminal did not take the cancel request (" + why + ")");
  }

  @Override
  public Refund refund(RefundPayment.Command command) {
    Objects.requireNonNull(command, "command");
    admit();
    try {
      return refunds.refund(command);
    } finally {
      starting.decrementAndGet();
    }
  }

  @Override
  public void stopTaking() {
    draining = true;
  }

  @Override
  public boolean draining() {
    return draining;
  }

  @Override
  public int inFlight() {
    return starting.get() + flow.heartbeat.size();
  }

  @Override
  public int handOver() {
    int handed = flow.heartbeat.giveUpAll();
    if (handed > 0) {
      Flow.LOG.log(
          System.Logger.Level.WARNING,
          "handed over {0} payment(s)/refund(s) still in flight at shutdown: their terminal leases"
              + " are released and another instance reconciles them (query, never a second send)",
          handed);
    }
    return handed;
  }

  @Override
  public int renewHeld() {
    return flow.heartbeat.renewHeld();
  }

  @Override
  public Duration renewEvery() {
    return flow.settings.leaseRenewEvery();
  }
}

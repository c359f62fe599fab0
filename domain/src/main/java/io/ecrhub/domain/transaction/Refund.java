package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one refund of a payment, through the terminal (1002) or QFPay's cloud (its {@link
 * RefundRoute}, with an out_trade_no of its own), or recorded from a notification when done
 * elsewhere (external, no route). Same state machine as {@link Payment}: the life both share is
 * their {@link TransactionLifecycle} (see {@link Settleable}).
 */
public final class Refund implements Settleable {
  /** The event type raised when a refund is flagged for review. */
  public static final String REVIEW_REQUIRED = "refund.review_required";

  private final Snapshot facts;
  private final TransactionLifecycle lifecycle;
  private RefundRoute route;
  private String outTradeNo;

  private Refund(Snapshot s) {
    this.facts = s;
    this.route = s.route();
    this.outTradeNo = s.outTradeNo();
    this.lifecycle =
        new TransactionLifecycle(
            "refund", s.id().value(), s.paymentId().value(), s.terminalId(), s.lifecycle());
  }

  /** A refund the hub will send to the terminal (PENDING). */
  public static Refund create(
      RefundId id, PaymentId paymentId, TerminalId terminalId, Money amount, Instant now) {
    return create(id, paymentId, terminalId, amount, RefundRoute.TERMINAL, null, null, now);
  }

  /**
   * A refund the hub will send by {@code route} (PENDING).
   *
   * @param outTradeNo the refund's own reference, required for {@link RefundRoute#CLOUD}
   * @param why why this route was chosen (on the creation event), or null
   */
  public static Refund create(
      RefundId id,
      PaymentId paymentId,
      TerminalId terminalId,
      Money amount,
      RefundRoute route,
      String outTradeNo,
      String why,
      Instant now) {
    if (!amount.isPositive()) {
      throw new DomainException("INVALID_AMOUNT", "amount", "refund amount must be positive");
    }
    Objects.requireNonNull(route, "route");
    if (route == RefundRoute.CLOUD && outTradeNo == null) {
      throw new IllegalArgumentException("a cloud refund needs its own out_trade_no");
    }
    var pending = LifecycleSnapshot.created(TransactionStatus.PENDING, null, null, now);
    Refund r =
        new Refund(
            new Snapshot(id, paymentId, terminalId, amount, false, pending, route, outTradeNo));
    r.lifecycle.created(
        why == null ? "created" : "created, route " + route.wire() + ": " + why, now);
    return r;
  }

  /**
   * A refund done outside the hub (on the terminal or in the QFPay portal), learned from a
   * notification: recorded directly as SUCCEEDED, confirmed by that notification.
   */
  public static Refund external(
      RefundId id,
      PaymentId paymentId,
      TerminalId terminalId,
      Money amount,
      Syssn syssn,
      Instant now) {
    var done =
        LifecycleSnapshot.created(
            TransactionStatus.SUCCEEDED, syssn, ConfirmedBy.NOTIFICATION, now);
    Refund r = new Refund(new Snapshot(id, paymentId, terminalId, amount, true, done, null, null));
    r.lifecycle.created("external refund reported by QFPay", now);
    return r;
  }

  public static Refund restore(Snapshot s) {
    return new Refund(s);
  }

  @Override
  public TransactionLifecycle lifecycle() {
    return lifecycle;
  }

  /** Succeeded; what vouches for it is not recorded (fixtures, callers before ADR 0007). */
  public void succeed(Syssn refundSyssn, String how, Instant now) {
    succeed(refundSyssn, how, null, false, now);
  }

  /**
   * Succeeded.
   *
   * @param by what vouches for it
   * @param pending true until a signed notification (or the cloud) confirms it
   */
  public void succeed(Syssn refundSyssn, String how, ConfirmedBy by, boolean pending, Instant now) {
    lifecycle.succeed(refundSyssn, how, by, pending, now);
  }

  /** Cancelled; a refund keeps no failure code for it. */
  @Override
  public void cancel(String how, Instant now) {
    lifecycle.cancel(how, null, now);
  }

  /**
   * A terminal refund whose request provably never reached the terminal (NotSent) goes through the
   * cloud instead, under {@code newOutTradeNo} (ADR 0021: only after NotSent, never after an
   * unknown outcome). Only while it is IN_PROGRESS on the terminal route.
   */
  public void rerouteToCloud(String newOutTradeNo, String why, Instant now) {
    Objects.requireNonNull(newOutTradeNo, "newOutTradeNo");
    if (route != RefundRoute.TERMINAL || status() != TransactionStatus.IN_PROGRESS) {
      throw new IllegalStateException(
          "refund " + id() + " cannot be rerouted: it is " + status() + " on route " + route);
    }
    route = RefundRoute.CLOUD;
    outTradeNo = newOutTradeNo;
    lifecycle.changed("rerouted to QFPay's cloud: " + why, now);
  }

  public Snapshot snapshot() {
    return new Snapshot(
        facts.id(),
        facts.paymentId(),
        facts.terminalId(),
        facts.amount(),
        facts.external(),
        lifecycle.snapshot(),
        route,
        outTradeNo);
  }

  public RefundId id() {
    return facts.id();
  }

  public PaymentId paymentId() {
    return facts.paymentId();
  }

  @Override
  public TerminalId terminalId() {
    return facts.terminalId();
  }

  public Money amount() {
    return facts.amount();
  }

  public boolean isExternal() {
    return facts.external();
  }

  /** The way the hub sent it; empty for an external refund. */
  public Optional<RefundRoute> route() {
    return Optional.ofNullable(route);
  }

  /** The refund's own out_trade_no (cloud refunds); empty for terminal and external refunds. */
  public Optional<String> outTradeNo() {
    return Optional.ofNullable(outTradeNo);
  }

  /**
   * The full persistent state of a refund: what it refunds, its lifecycle, and how it was sent.
   *
   * @param route null for an external refund
   * @param outTradeNo the refund's own reference when it went through the cloud, else null
   */
  public record Snapshot(
      RefundId id,
      PaymentId paymentId,
      TerminalId terminalId,
      Money amount,
      boolean external,
      LifecycleSnapshot lifecycle,
      RefundRoute route,
      String outTradeNo) {
    public Snapshot {
      Objects.requireNonNull(id);
      Objects.requireNonNull(paymentId);
      Objects.requireNonNull(terminalId);
      Objects.requireNonNull(amount);
      Objects.requireNonNull(lifecycle);
    }

    /** A refund sent to the terminal (or, when {@code external}, one done outside the hub). */
    public Snapshot(
        RefundId id,
        PaymentId paymentId,
        TerminalId terminalId,
        Money amount,
        boolean external,
        LifecycleSnapshot lifecycle) {
      this(
          id,
          paymentId,
          terminalId,
          amount,
          external,
          lifecycle,
          external ? null : RefundRoute.TERMINAL,
          null);
    }

    /** The same state with another version (persistence adapters restore saved refunds so). */
    public Snapshot withVersion(long newVersion) {
      return new Snapshot(
          id,
          paymentId,
          terminalId,
          amount,
          external,
          lifecycle.withVersion(newVersion),
          route,
          outTradeNo);
    }
  }
}

package io.ecrhub.domain.transaction;

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

  private final Facts facts;
  private final boolean external;
  private final TransactionLifecycle lifecycle;
  private RefundRoute route;
  private String outTradeNo;

  private Refund(Snapshot s) {
    this.facts = Objects.requireNonNull(s.facts());
    this.external = s.external();
    this.route = s.route();
    this.outTradeNo = s.outTradeNo();
    this.lifecycle =
        new TransactionLifecycle(
            "refund", id().value(), paymentId().value(), facts.terminalId(), s.lifecycle());
  }

  /**
   * A refund of {@code facts} the hub will send by {@code route} (PENDING).
   *
   * @param outTradeNo the refund's own reference, required for {@link RefundRoute#CLOUD}
   * @param why why this route was chosen (on the creation event), or null
   */
  public static Refund create(
      Facts facts, RefundRoute route, String outTradeNo, String why, Instant now) {
    TransactionLifecycle.requirePositive(facts.amount(), "refund amount must be positive");
    Objects.requireNonNull(route, "route");
    if (route == RefundRoute.CLOUD && outTradeNo == null) {
      throw new IllegalArgumentException("a cloud refund needs its own out_trade_no");
    }
    var pending = LifecycleSnapshot.pending(now);
    Refund r = new Refund(new Snapshot(facts, false, pending, route, outTradeNo));
    r.lifecycle.created(
        why == null ? "created" : "created, route " + route.wire() + ": " + why, now);
    return r;
  }

  /**
   * A refund of {@code facts} done outside the hub (on the terminal or in the QFPay portal),
   * learned from a notification: recorded directly as SUCCEEDED, confirmed by that notification.
   */
  public static Refund external(Facts facts, Syssn syssn, Instant now) {
    var done = LifecycleSnapshot.succeeded(syssn, ConfirmedBy.NOTIFICATION, now);
    Refund r = new Refund(new Snapshot(facts, true, done, null, null));
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

  /**
   * A terminal refund whose request provably never reached the terminal (NotSent) goes through the
   * cloud instead, under {@code newOutTradeNo} (ADR 0021: only after NotSent, never after an
   * unknown outcome). Only while it is IN_PROGRESS on the terminal route.
   */
  public void rerouteToCloud(String newOutTradeNo, String why, Instant now) {
    Objects.requireNonNull(newOutTradeNo, "newOutTradeNo");
    if (route != RefundRoute.TERMINAL || status() != TransactionStatus.IN_PROGRESS) {
      throw new IllegalStateException(
          lifecycle.label() + " cannot be rerouted: it is " + status() + " on route " + route);
    }
    route = RefundRoute.CLOUD;
    outTradeNo = newOutTradeNo;
    lifecycle.changed("rerouted to QFPay's cloud: " + why, now);
  }

  public Snapshot snapshot() {
    return new Snapshot(facts, external, lifecycle.snapshot(), route, outTradeNo);
  }

  public RefundId id() {
    return facts.id();
  }

  public PaymentId paymentId() {
    return facts.paymentId();
  }

  public Money amount() {
    return facts.amount();
  }

  public boolean isExternal() {
    return external;
  }

  /** The way the hub sent it; empty for an external refund. */
  public Optional<RefundRoute> route() {
    return Optional.ofNullable(route);
  }

  /** The refund's own out_trade_no (cloud refunds); empty for terminal and external refunds. */
  public Optional<String> outTradeNo() {
    return Optional.ofNullable(outTradeNo);
  }

  /** What a refund is, fixed when it is created: what it refunds, how much, on which terminal. */
  public record Facts(RefundId id, PaymentId paymentId, TerminalId terminalId, Money amount) {
    public Facts {
      Objects.requireNonNull(id);
      Objects.requireNonNull(paymentId);
      Objects.requireNonNull(terminalId);
      Objects.requireNonNull(amount);
    }
  }

  /**
   * The full persistent state of a refund: its facts, its lifecycle, and how it was sent.
   *
   * @param external done outside the hub (learned from a notification), not sent by it
   * @param route null for an external refund
   * @param outTradeNo the refund's own reference when it went through the cloud, else null
   */
  public record Snapshot(
      Facts facts,
      boolean external,
      LifecycleSnapshot lifecycle,
      RefundRoute route,
      String outTradeNo) {
    /** The same state with another version (persistence adapters restore saved refunds so). */
    public Snapshot withVersion(long newVersion) {
      return new Snapshot(facts, external, lifecycle.withVersion(newVersion), route, outTradeNo);
    }
  }
}

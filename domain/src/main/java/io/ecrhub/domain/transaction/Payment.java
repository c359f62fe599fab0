package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.terminal.Transport;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one payment attempt on one terminal. State machine: PENDING → IN_PROGRESS → SUCCEEDED
 * | DECLINED | CANCELLED | FAILED | UNKNOWN; UNKNOWN → SUCCEEDED | DECLINED | CANCELLED once known.
 * The life it shares with a {@link Refund} is its {@link TransactionLifecycle} (see {@link
 * Settleable}); what is a payment's own is the order ({@link Facts}), the refunded total and the
 * card.
 */
public final class Payment implements Settleable {
  /** The event type raised when a payment is flagged for review. */
  public static final String REVIEW_REQUIRED = "payment.review_required";

  private final Facts facts;
  private final TransactionLifecycle lifecycle;
  private Money refundedAmount;
  private String cardScheme;
  private String maskedCardNumber;
  private Transport sentVia;

  private Payment(Snapshot s) {
    this.facts = Objects.requireNonNull(s.facts());
    this.lifecycle =
        new TransactionLifecycle(
            "payment", facts.id().value(), facts.id().value(), facts.terminalId(), s.lifecycle());
    Money zero = Money.zero(facts.amount().currency());
    this.refundedAmount = s.refundedAmount() == null ? zero : s.refundedAmount();
    this.cardScheme = s.cardScheme();
    this.maskedCardNumber = s.maskedCardNumber();
    this.sentVia = s.sentVia();
  }

  /** A new payment of {@code facts} in PENDING. */
  public static Payment create(Facts facts, Instant now) {
    TransactionLifecycle.requirePositive(facts.amount(), "amount must be greater than zero");
    LifecycleSnapshot pending = LifecycleSnapshot.pending(now);
    Payment p = new Payment(new Snapshot(facts, null, null, null, pending, null));
    p.lifecycle.created("created", now);
    return p;
  }

  /** Rebuilds a payment from storage. */
  public static Payment restore(Snapshot s) {
    return new Payment(s);
  }

  @Override
  public TransactionLifecycle lifecycle() {
    return lifecycle;
  }

  /**
   * The terminal (or a notification, or a query) says it succeeded; also keeps the card.
   *
   * @param scheme the card scheme, or null (a previous one is kept)
   * @param maskedCard the masked card number, or null (a previous one is kept)
   * @param by what vouches for it
   * @param pending true until a signed notification (or the cloud) confirms it
   */
  public void succeed(
      Syssn qfpaySyssn,
      String scheme,
      String maskedCard,
      String how,
      ConfirmedBy by,
      boolean pending,
      Instant now) {
    lifecycle.succeed(qfpaySyssn, how, by, pending, now);
    if (scheme != null) {
      this.cardScheme = scheme;
    }
    if (maskedCard != null) {
      this.maskedCardNumber = maskedCard;
    }
  }

  /** Succeeded with {@code report}: also keeps the card it names. */
  @Override
  public void succeed(
      Syssn qfpaySyssn,
      TransactionReport report,
      String how,
      ConfirmedBy by,
      boolean pending,
      Instant now) {
    succeed(qfpaySyssn, report.cardScheme(), report.maskedCardNumber(), how, by, pending, now);
  }

  /** Cancelled on the terminal ({@code 6001}, kept as the failure code), or before it was sent. */
  @Override
  public void cancel(String how, Instant now) {
    lifecycle.cancel(how, "6001".equals(how) ? "6001" : null, now);
  }

  /** What may still be refunded: amount minus what was refunded. Zero unless SUCCEEDED. */
  public Money refundableAmount() {
    if (status() != TransactionStatus.SUCCEEDED) {
      return Money.zero(amount().currency());
    }
    return amount().minus(refundedAmount);
  }

  /** Adds a succeeded refund to the refunded total; refuses more than the refundable amount. */
  public void recordRefund(Money refunded, Instant now) {
    if (refunded.isGreaterThan(refundableAmount())) {
      throw new DomainException(
          "REFUND_EXCEEDS_REFUNDABLE",
          "amount",
          "refund " + refunded + " exceeds the refundable " + refundableAmount());
    }
    this.refundedAmount = refundedAmount.plus(refunded);
    lifecycle.changed("refunded " + refunded, now);
  }

  /** The payment is sent to its terminal over {@code transport} (its terminal's own). */
  public void sendVia(Transport transport) {
    this.sentVia = Objects.requireNonNull(transport, "transport");
  }

  /**
   * The payment's LAN request provably never reached its terminal (NotSent), so it is pushed once
   * through QFPay's cloud instead (ADR 0022): recorded with an event before the push, so the
   * payment says which way it went. Only while IN_PROGRESS over a local transport.
   */
  public void sendThroughCloud(String why, Instant now) {
    if (status() != TransactionStatus.IN_PROGRESS || sentVia == Transport.CLOUD) {
      throw new IllegalStateException(
          lifecycle.label()
              + " cannot go through the cloud: it is "
              + status()
              + " via "
              + sentVia);
    }
    sentVia = Transport.CLOUD;
    lifecycle.changed("sent through QFPay's cloud: " + why, now);
  }

  /**
   * The transport that carried the payment's request: its terminal's, or {@link Transport#CLOUD}
   * after a cloud fallback; empty for payments recorded before the hub kept it, and for payments
   * never sent.
   */
  public Optional<Transport> sentVia() {
    return Optional.ofNullable(sentVia);
  }

  public Snapshot snapshot() {
    return new Snapshot(
        facts, refundedAmount, cardScheme, maskedCardNumber, lifecycle.snapshot(), sentVia);
  }

  public PaymentId id() {
    return facts.id();
  }

  public Money amount() {
    return facts.amount();
  }

  public Channel channel() {
    return facts.channel();
  }

  public OutTradeNo outTradeNo() {
    return facts.outTradeNo();
  }

  public Optional<String> reference() {
    return Optional.ofNullable(facts.reference());
  }

  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(facts.idempotencyKey());
  }

  public String requestFingerprint() {
    return facts.requestFingerprint();
  }

  public Money refundedAmount() {
    return refundedAmount;
  }

  public Optional<String> cardScheme() {
    return Optional.ofNullable(cardScheme);
  }

  public Optional<String> maskedCardNumber() {
    return Optional.ofNullable(maskedCardNumber);
  }

  /** What a payment is, fixed when it is created. */
  public record Facts(
      PaymentId id,
      TerminalId terminalId,
      Money amount,
      Channel channel,
      OutTradeNo outTradeNo,
      String reference,
      String idempotencyKey,
      String requestFingerprint) {
    public Facts {
      Objects.requireNonNull(id);
      Objects.requireNonNull(terminalId);
      Objects.requireNonNull(amount);
      Objects.requireNonNull(channel);
      Objects.requireNonNull(outTradeNo);
    }
  }

  /**
   * The full persistent state of a payment: its facts, what changes on it alone, its lifecycle.
   *
   * @param refundedAmount what was refunded so far (null: nothing)
   * @param sentVia the transport that carried the request (null: not recorded)
   */
  public record Snapshot(
      Facts facts,
      Money refundedAmount,
      String cardScheme,
      String maskedCardNumber,
      LifecycleSnapshot lifecycle,
      Transport sentVia) {

    /** The same state with another version (persistence adapters restore saved payments so). */
    public Snapshot withVersion(long newVersion) {
      return new Snapshot(
          facts,
          refundedAmount,
          cardScheme,
          maskedCardNumber,
          lifecycle.withVersion(newVersion),
          sentVia);
    }
  }
}

package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one payment attempt on one terminal. State machine: PENDING → IN_PROGRESS → SUCCEEDED
 * | DECLINED | CANCELLED | FAILED | UNKNOWN; UNKNOWN → SUCCEEDED | DECLINED | CANCELLED once known.
 */
public final class Payment {
  private final PaymentId id;
  private final TerminalId terminalId;
  private final Money amount;
  private final Channel channel;
  private final OutTradeNo outTradeNo;
  private final String reference;
  private final String idempotencyKey;
  private final String requestFingerprint;
  private final Instant createdAt;
  private TransactionStatus status;
  private Syssn syssn;
  private Money refundedAmount;
  private String cardScheme;
  private String maskedCardNumber;
  private DeclineReason failureReason;
  private String failureCode;
  private String failureMessage;
  private Instant sentAt;
  private Instant updatedAt;
  private String reviewNote;
  private int reconcileAttempts;
  private Instant nextReconcileAt;
  private long version;
  private ConfirmedBy confirmedBy;
  private boolean confirmationPending;
  private final List<TransactionEvent> pendingEvents = new ArrayList<>();

  private Payment(Snapshot s) {
    this.id = Objects.requireNonNull(s.id());
    this.terminalId = Objects.requireNonNull(s.terminalId());
    this.amount = Objects.requireNonNull(s.amount());
    this.channel = Objects.requireNonNull(s.channel());
    this.outTradeNo = Objects.requireNonNull(s.outTradeNo());
    this.reference = s.reference();
    this.idempotencyKey = s.idempotencyKey();
    this.requestFingerprint = s.requestFingerprint();
    this.createdAt = Objects.requireNonNull(s.createdAt());
    this.status = Objects.requireNonNull(s.status());
    this.syssn = s.syssn();
    this.refundedAmount =
        s.refundedAmount() == null ? Money.zero(amount.currency()) : s.refundedAmount();
    this.cardScheme = s.cardScheme();
    this.maskedCardNumber = s.maskedCardNumber();
    this.failureReason = s.failureReason();
    this.failureCode = s.failureCode();
    this.failureMessage = s.failureMessage();
    this.sentAt = s.sentAt();
    this.updatedAt = s.updatedAt() == null ? s.createdAt() : s.updatedAt();
    this.reviewNote = s.reviewNote();
    this.reconcileAttempts = s.reconcileAttempts();
    this.nextReconcileAt = s.nextReconcileAt();
    this.version = s.version();
    this.confirmedBy = s.confirmedBy();
    this.confirmationPending = s.confirmationPending();
  }

  /** A new payment in PENDING. */
  public static Payment create(
      PaymentId id,
      TerminalId terminalId,
      Money amount,
      Channel channel,
      OutTradeNo outTradeNo,
      String reference,
      String idempotencyKey,
      String requestFingerprint,
      Instant now) {
    if (!amount.isPositive()) {
      throw new DomainException("INVALID_AMOUNT", "amount", "amount must be greater than zero");
    }
    Payment p =
        new Payment(
            new Snapshot(
                id,
                terminalId,
                amount,
                channel,
                outTradeNo,
                reference,
                idempotencyKey,
                requestFingerprint,
                now,
                TransactionStatus.PENDING,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                null,
                now,
                null,
                0,
                null,
                0,
                null,
                false));
    p.pendingEvents.add(p.event(null, TransactionStatus.PENDING, "created", now));
    return p;
  }

  /** Rebuilds a payment from storage. */
  public static Payment restore(Snapshot s) {
    return new Payment(s);
  }

  /** Recorded as sent: from here on a lost answer means UNKNOWN, never FAILED. */
  public void markInProgress(Instant now) {
    move(TransactionStatus.IN_PROGRESS, "sending to terminal", now);
    this.sentAt = now;
  }

  /**
   * The terminal (or a notification, or a query) says it succeeded; what vouches for it is not
   * recorded (fixtures and callers that predate ADR 0007).
   */
  public void succeed(Syssn qfpaySyssn, String scheme, String maskedCard, String how, Instant now) {
    succeed(qfpaySyssn, scheme, maskedCard, how, null, false, now);
  }

  /**
   * The terminal (or a notification, or a query) says it succeeded.
   *
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
    move(TransactionStatus.SUCCEEDED, how, now);
    this.confirmedBy = by;
    this.confirmationPending = pending;
    if (qfpaySyssn != null) {
      this.syssn = qfpaySyssn;
    }
    if (scheme != null) {
      this.cardScheme = scheme;
    }
    if (maskedCard != null) {
      this.maskedCardNumber = maskedCard;
    }
    clearFailure();
  }

  /** A definite unsuccessful answer (6002 etc.). */
  public void decline(DeclineReason reason, String code, String message, Instant now) {
    move(TransactionStatus.DECLINED, "declined: " + reason, now);
    setFailure(reason, code, message);
  }

  /** Cancelled on the terminal, or before it was ever sent. */
  public void cancel(String how, Instant now) {
    move(TransactionStatus.CANCELLED, how, now);
    setFailure(DeclineReason.CANCELLED, "6001".equals(how) ? "6001" : null, how);
  }

  /** Provably never reached the terminal. */
  public void fail(DeclineReason reason, String code, String message, Instant now) {
    move(TransactionStatus.FAILED, "not sent: " + reason, now);
    setFailure(reason, code, message);
  }

  /**
   * May have reached the terminal; reconciliation takes over. The first query is scheduled {@link
   * ReconcileSchedule#delayAfter(int) 5 s} later.
   */
  public void markUnknown(String why, Instant now) {
    move(TransactionStatus.UNKNOWN, why, now);
    this.failureMessage = why;
    this.nextReconcileAt = now.plus(ReconcileSchedule.delayAfter(0));
  }

  /**
   * Counts one reconciliation attempt that gave no definite answer and schedules the next one.
   *
   * @param next when to ask again, or null to stop asking automatically (flag it for review)
   */
  public void recordReconcileAttempt(Instant next, Instant now) {
    this.reconcileAttempts++;
    this.nextReconcileAt = next;
    this.updatedAt = now;
  }

  /** Moves the next reconciliation attempt (null: none scheduled). */
  public void scheduleReconcile(Instant next) {
    this.nextReconcileAt = next;
  }

  /** UNKNOWN and its next reconciliation attempt is due at {@code now}. */
  public boolean isReconcileDue(Instant now) {
    return status == TransactionStatus.UNKNOWN
        && nextReconcileAt != null
        && !nextReconcileAt.isAfter(now);
  }

  /**
   * A settled payment confirmed by a stronger source (a signed notification, the cloud): records it
   * as what vouches for the payment, ends the wait for confirmation, and fills in the syssn when
   * the settling answer lacked it. No-op unless SUCCEEDED.
   */
  public void confirm(ConfirmedBy by, Syssn qfpaySyssn, Instant now) {
    if (status != TransactionStatus.SUCCEEDED) {
      return;
    }
    this.confirmedBy = Objects.requireNonNull(by, "by");
    this.confirmationPending = false;
    if (syssn == null && qfpaySyssn != null) {
      this.syssn = qfpaySyssn;
    }
    this.updatedAt = now;
  }

  /**
   * Flags an inconsistency (e.g. a notification's amount differs, an answer names another
   * transaction) for an operator to review; raises {@code payment.review_required}.
   */
  public void flagForReview(String note, Instant now) {
    this.reviewNote = note;
    this.updatedAt = now;
    pendingEvents.add(
        new TransactionEvent(
            REVIEW_REQUIRED,
            id.value(),
            id.value(),
            terminalId,
            status,
            status,
            "flagged for review: " + note,
            now));
  }

  /** The event type raised when a payment is flagged for review. */
  public static final String REVIEW_REQUIRED = "payment.review_required";

  /** What may still be refunded: amount minus what was refunded. Zero unless SUCCEEDED. */
  public Money refundableAmount() {
    if (status != TransactionStatus.SUCCEEDED) {
      return Money.zero(amount.currency());
    }
    return amount.minus(refundedAmount);
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
    this.updatedAt = now;
    pendingEvents.add(event(status, status, "refunded " + refunded, now));
  }

  private void move(TransactionStatus to, String reason, Instant now) {
    StateMachine.check("payment " + id, status, to);
    TransactionStatus from = status;
    this.status = to;
    this.updatedAt = now;
    if (to.isFinal()) {
      this.nextReconcileAt = null;
    }
    pendingEvents.add(event(from, to, reason, now));
  }

  private void setFailure(DeclineReason reason, String code, String message) {
    this.failureReason = reason;
    this.failureCode = code;
    this.failureMessage = message;
  }

  private void clearFailure() {
    this.failureReason = null;
    this.failureCode = null;
    this.failureMessage = null;
  }

  private TransactionEvent event(
      TransactionStatus from, TransactionStatus to, String reason, Instant at) {
    String type = "payment." + to.name().toLowerCase(java.util.Locale.ROOT);
    return new TransactionEvent(type, id.value(), id.value(), terminalId, from, to, reason, at);
  }

  /** Events raised since the last call; the caller publishes them in the same unit of work. */
  public List<TransactionEvent> drainEvents() {
    List<TransactionEvent> out = List.copyOf(pendingEvents);
    pendingEvents.clear();
    return out;
  }

  public Snapshot snapshot() {
    return new Snapshot(
        id,
        terminalId,
        amount,
        channel,
        outTradeNo,
        reference,
        idempotencyKey,
        requestFingerprint,
        createdAt,
        status,
        syssn,
        refundedAmount,
        cardScheme,
        maskedCardNumber,
        failureReason,
        failureCode,
        failureMessage,
        sentAt,
        updatedAt,
        reviewNote,
        reconcileAttempts,
        nextReconcileAt,
        version,
        confirmedBy,
        confirmationPending);
  }

  /** What vouches for the success; empty unless SUCCEEDED (or not recorded). */
  public Optional<ConfirmedBy> confirmedBy() {
    return Optional.ofNullable(confirmedBy);
  }

  /** True while a settlement waits for a signed notification (or the cloud) to confirm it. */
  public boolean confirmationPending() {
    return confirmationPending;
  }

  public PaymentId id() {
    return id;
  }

  public TerminalId terminalId() {
    return terminalId;
  }

  public Money amount() {
    return amount;
  }

  public Channel channel() {
    return channel;
  }

  public OutTradeNo outTradeNo() {
    return outTradeNo;
  }

  public Optional<String> reference() {
    return Optional.ofNullable(reference);
  }

  public Optional<String> idempotencyKey() {
    return Optional.ofNullable(idempotencyKey);
  }

  public String requestFingerprint() {
    return requestFingerprint;
  }

  public TransactionStatus status() {
    return status;
  }

  public Optional<Syssn> syssn() {
    return Optional.ofNullable(syssn);
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

  public Optional<DeclineReason> failureReason() {
    return Optional.ofNullable(failureReason);
  }

  public Optional<String> failureCode() {
    return Optional.ofNullable(failureCode);
  }

  public Optional<String> failureMessage() {
    return Optional.ofNullable(failureMessage);
  }

  public Optional<Instant> sentAt() {
    return Optional.ofNullable(sentAt);
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  public Optional<String> reviewNote() {
    return Optional.ofNullable(reviewNote);
  }

  /** Reconciliation queries made so far without a definite answer. */
  public int reconcileAttempts() {
    return reconcileAttempts;
  }

  /** When reconciliation asks the terminal next; empty when nothing is scheduled. */
  public Optional<Instant> nextReconcileAt() {
    return Optional.ofNullable(nextReconcileAt);
  }

  /** Optimistic-lock version: 0 for a new payment, incremented by every save. */
  public long version() {
    return version;
  }

  /** The full persistent state of a payment. */
  public record Snapshot(
      PaymentId id,
      TerminalId terminalId,
      Money amount,
      Channel channel,
      OutTradeNo outTradeNo,
      String reference,
      String idempotencyKey,
      String requestFingerprint,
      Instant createdAt,
      TransactionStatus status,
      Syssn syssn,
      Money refundedAmount,
      String cardScheme,
      String maskedCardNumber,
      DeclineReason failureReason,
      String failureCode,
      String failureMessage,
      Instant sentAt,
      Instant updatedAt,
      String reviewNote,
      int reconcileAttempts,
      Instant nextReconcileAt,
      long version,
      ConfirmedBy confirmedBy,
      boolean confirmationPending) {

    /** The same state with another version (persistence adapters restore saved payments so). */
    public Snapshot withVersion(long newVersion) {
      return new Snapshot(
          id,
          terminalId,
          amount,
          channel,
          outTradeNo,
          reference,
          idempotencyKey,
          requestFingerprint,
          createdAt,
          status,
          syssn,
          refundedAmount,
          cardScheme,
          maskedCardNumber,
          failureReason,
          failureCode,
          failureMessage,
          sentAt,
          updatedAt,
          reviewNote,
          reconcileAttempts,
          nextReconcileAt,
          newVersion,
          confirmedBy,
          confirmationPending);
    }
  }
}

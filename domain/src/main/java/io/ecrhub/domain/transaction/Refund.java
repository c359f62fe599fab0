package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one refund of a payment, through the terminal (1002) or recorded from a notification
 * when done elsewhere (external). Same state machine as {@link Payment}.
 */
public final class Refund {
  private final RefundId id;
  private final PaymentId paymentId;
  private final TerminalId terminalId;
  private final Money amount;
  private final boolean external;
  private final Instant createdAt;
  private TransactionStatus status;
  private Syssn syssn;
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

  private Refund(Snapshot s) {
    this.id = Objects.requireNonNull(s.id());
    this.paymentId = Objects.requireNonNull(s.paymentId());
    this.terminalId = Objects.requireNonNull(s.terminalId());
    this.amount = Objects.requireNonNull(s.amount());
    this.external = s.external();
    this.createdAt = Objects.requireNonNull(s.createdAt());
    this.status = Objects.requireNonNull(s.status());
    this.syssn = s.syssn();
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

  /** A refund the hub will send to the terminal (PENDING). */
  public static Refund create(
      RefundId id, PaymentId paymentId, TerminalId terminalId, Money amount, Instant now) {
    if (!amount.isPositive()) {
      throw new DomainException("INVALID_AMOUNT", "amount", "refund amount must be positive");
    }
    Refund r =
        new Refund(
            new Snapshot(
                id,
                paymentId,
                terminalId,
                amount,
                false,
                now,
                TransactionStatus.PENDING,
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
    r.pendingEvents.add(r.event(null, TransactionStatus.PENDING, "created", now));
    return r;
  }

  /**
   * A refund done outside the hub (on the terminal or in the QFPay portal), learned from a
   * notification: recorded directly as SUCCEEDED.
   */
  public static Refund external(
      RefundId id,
      PaymentId paymentId,
      TerminalId terminalId,
      Money amount,
      Syssn syssn,
      Instant now) {
    Refund r =
        new Refund(
            new Snapshot(
                id,
                paymentId,
                terminalId,
                amount,
                true,
                now,
                TransactionStatus.SUCCEEDED,
                syssn,
                null,
                null,
                null,
                null,
                now,
                null,
                0,
                null,
                0,
                ConfirmedBy.NOTIFICATION,
                false));
    r.pendingEvents.add(
        r.event(null, TransactionStatus.SUCCEEDED, "external refund reported by QFPay", now));
    return r;
  }

  public static Refund restore(Snapshot s) {
    return new Refund(s);
  }

  public void markInProgress(Instant now) {
    move(TransactionStatus.IN_PROGRESS, "sending to terminal", now);
    this.sentAt = now;
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
    move(TransactionStatus.SUCCEEDED, how, now);
    this.confirmedBy = by;
    this.confirmationPending = pending;
    if (refundSyssn != null) {
      this.syssn = refundSyssn;
    }
    failureReason = null;
    failureCode = null;
    failureMessage = null;
  }

  public void decline(DeclineReason reason, String code, String message, Instant now) {
    move(TransactionStatus.DECLINED, "declined: " + reason, now);
    setFailure(reason, code, message);
  }

  public void cancel(String how, Instant now) {
    move(TransactionStatus.CANCELLED, how, now);
    setFailure(DeclineReason.CANCELLED, null, how);
  }

  public void fail(DeclineReason reason, String code, String message, Instant now) {
    move(TransactionStatus.FAILED, "not sent: " + reason, now);
    setFailure(reason, code, message);
  }

  /** May have reached the terminal; the first reconciliation query is due 5 s later. */
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
   * A settled refund confirmed by a stronger source (a signed notification, the cloud); fills in
   * the syssn when the settling answer lacked it. No-op unless SUCCEEDED.
   */
  public void confirm(ConfirmedBy by, Syssn refundSyssn, Instant now) {
    if (status != TransactionStatus.SUCCEEDED) {
      return;
    }
    this.confirmedBy = Objects.requireNonNull(by, "by");
    this.confirmationPending = false;
    if (syssn == null && refundSyssn != null) {
      this.syssn = refundSyssn;
    }
    this.updatedAt = now;
  }

  /** Flags an inconsistency for an operator to review; raises {@code refund.review_required}. */
  public void flagForReview(String note, Instant now) {
    this.reviewNote = note;
    this.updatedAt = now;
    pendingEvents.add(
        new TransactionEvent(
            REVIEW_REQUIRED,
            id.value(),
            paymentId.value(),
            terminalId,
            status,
            status,
            "flagged for review: " + note,
            now));
  }

  /** The event type raised when a refund is flagged for review. */
  public static final String REVIEW_REQUIRED = "refund.review_required";

  private void move(TransactionStatus to, String reason, Instant now) {
    StateMachine.check("refund " + id, status, to);
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

  private TransactionEvent event(
      TransactionStatus from, TransactionStatus to, String reason, Instant at) {
    String type = "refund." + to.name().toLowerCase(java.util.Locale.ROOT);
    return new TransactionEvent(
        type, id.value(), paymentId.value(), terminalId, from, to, reason, at);
  }

  public List<TransactionEvent> drainEvents() {
    List<TransactionEvent> out = List.copyOf(pendingEvents);
    pendingEvents.clear();
    return out;
  }

  public Snapshot snapshot() {
    return new Snapshot(
        id,
        paymentId,
        terminalId,
        amount,
        external,
        createdAt,
        status,
        syssn,
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

  public RefundId id() {
    return id;
  }

  public PaymentId paymentId() {
    return paymentId;
  }

  public TerminalId terminalId() {
    return terminalId;
  }

  public Money amount() {
    return amount;
  }

  public boolean isExternal() {
    return external;
  }

  public TransactionStatus status() {
    return status;
  }

  public Optional<Syssn> syssn() {
    return Optional.ofNullable(syssn);
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

  /** Optimistic-lock version: 0 for a new refund, incremented by every save. */
  public long version() {
    return version;
  }

  /** The full persistent state of a refund. */
  public record Snapshot(
      RefundId id,
      PaymentId paymentId,
      TerminalId terminalId,
      Money amount,
      boolean external,
      Instant createdAt,
      TransactionStatus status,
      Syssn syssn,
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

    /** The same state with another version (persistence adapters restore saved refunds so). */
    public Snapshot withVersion(long newVersion) {
      return new Snapshot(
          id,
          paymentId,
          terminalId,
          amount,
          external,
          createdAt,
          status,
          syssn,
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

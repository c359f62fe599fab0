package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The life a payment and a refund share: status and its {@link StateMachine} transitions, the
 * failure, when it was sent, the syssn, what vouches for a success, the review note, the
 * reconciliation schedule, the optimistic-lock version, and the events raised since the last drain.
 * {@link Payment} and {@link Refund} each compose one and keep only what is theirs (ADR 0012); the
 * transitions are package-private, reached through {@link Settleable}.
 */
public final class TransactionLifecycle {
  private final String kind;
  private final String id;
  private final String paymentId;
  private final TerminalId terminalId;
  private final Instant createdAt;
  private TransactionStatus status;
  private Syssn syssn;
  private Failure failure;
  private Instant sentAt;
  private Instant updatedAt;
  private String reviewNote;
  private int reconcileAttempts;
  private Instant nextReconcileAt;
  private final long version;
  private ConfirmedBy confirmedBy;
  private boolean confirmationPending;
  private String reconcileSources;
  private final List<TransactionEvent> pendingEvents = new ArrayList<>();

  /**
   * @param kind {@code payment} or {@code refund}: names the events ({@code payment.succeeded})
   * @param id the transaction's id
   * @param paymentId the payment concerned (the id itself for a payment)
   */
  TransactionLifecycle(
      String kind, String id, String paymentId, TerminalId terminalId, LifecycleSnapshot s) {
    this.kind = kind;
    this.id = id;
    this.paymentId = paymentId;
    this.terminalId = Objects.requireNonNull(terminalId);
    this.createdAt = Objects.requireNonNull(s.createdAt());
    this.status = Objects.requireNonNull(s.status());
    this.syssn = s.syssn();
    this.failure = s.failure();
    this.sentAt = s.sentAt();
    this.updatedAt = s.updatedAt() == null ? s.createdAt() : s.updatedAt();
    this.reviewNote = s.reviewNote();
    this.reconcileAttempts = s.reconcileAttempts();
    this.nextReconcileAt = s.nextReconcileAt();
    this.version = s.version();
    this.confirmedBy = s.confirmedBy();
    this.confirmationPending = s.confirmationPending();
    this.reconcileSources = s.reconcileSources();
  }

  /**
   * Refuses to create a transaction of {@code amount} unless it is positive (a payment's and a
   * refund's creation rule; {@code message} is the one each has always answered with).
   */
  static void requirePositive(Money amount, String message) {
    if (!amount.isPositive()) {
      throw new DomainException("INVALID_AMOUNT", "amount", message);
    }
  }

  /** Raises the creation event (from nothing to the current status). */
  void created(String reason, Instant now) {
    pendingEvents.add(event(null, status, reason, now));
  }

  void markInProgress(Instant now) {
    move(TransactionStatus.IN_PROGRESS, "sending to terminal", now);
    this.sentAt = now;
  }

  void succeed(Syssn settledSyssn, String how, ConfirmedBy by, boolean pending, Instant now) {
    move(TransactionStatus.SUCCEEDED, how, now);
    this.confirmedBy = by;
    this.confirmationPending = pending;
    if (settledSyssn != null) {
      this.syssn = settledSyssn;
    }
    this.failure = null;
  }

  void decline(DeclineReason reason, String code, String message, Instant now) {
    move(TransactionStatus.DECLINED, "declined: " + reason, now);
    this.failure = Failure.of(reason, code, message);
  }

  void cancel(String how, String code, Instant now) {
    move(TransactionStatus.CANCELLED, how, now);
    this.failure = Failure.of(DeclineReason.CANCELLED, code, how);
  }

  void fail(DeclineReason reason, String code, String message, Instant now) {
    move(TransactionStatus.FAILED, "not sent: " + reason, now);
    this.failure = Failure.of(reason, code, message);
  }

  void markUnknown(String why, Instant now) {
    move(TransactionStatus.UNKNOWN, why, now);
    this.failure = Failure.withMessage(failure, why);
    this.nextReconcileAt = now.plus(ReconcileSchedule.delayAfter(0));
  }

  void recordReconcileAttempt(Instant next, Instant now) {
    this.reconcileAttempts++;
    this.nextReconcileAt = next;
    this.updatedAt = now;
  }

  void scheduleReconcile(Instant next) {
    this.nextReconcileAt = next;
  }

  void confirm(ConfirmedBy by, Syssn settledSyssn, Instant now) {
    if (status != TransactionStatus.SUCCEEDED) {
      return;
    }
    this.confirmedBy = Objects.requireNonNull(by, "by");
    this.confirmationPending = false;
    if (syssn == null && settledSyssn != null) {
      this.syssn = settledSyssn;
    }
    this.updatedAt = now;
  }

  void flagForReview(String note, Instant now) {
    this.reviewNote = note;
    this.updatedAt = now;
    pendingEvents.add(
        new TransactionEvent(
            kind + ".review_required",
            id,
            paymentId,
            terminalId,
            status,
            status,
            "flagged for review: " + note,
            now));
  }

  /**
   * Marks the transaction changed, strictly later than before, without an event: its next save
   * conflicts with any other save of the version it was read at (a refund of a payment being
   * recorded, ADR 0021).
   */
  void touch(Instant now) {
    this.updatedAt =
        now.isAfter(updatedAt) ? now : updatedAt.plus(1, java.time.temporal.ChronoUnit.MICROS);
  }

  /** A change that keeps the status (e.g. a refund recorded on a payment): raises an event. */
  void changed(String reason, Instant now) {
    this.updatedAt = now;
    pendingEvents.add(event(status, status, reason, now));
  }

  List<TransactionEvent> drainEvents() {
    List<TransactionEvent> out = List.copyOf(pendingEvents);
    pendingEvents.clear();
    return out;
  }

  private void move(TransactionStatus to, String reason, Instant now) {
    StateMachine.check(label(), status, to);
    TransactionStatus from = status;
    this.status = to;
    this.updatedAt = now;
    if (to.isFinal()) {
      this.nextReconcileAt = null;
    }
    pendingEvents.add(event(from, to, reason, now));
  }

  private TransactionEvent event(
      TransactionStatus from, TransactionStatus to, String reason, Instant at) {
    String type = kind + "." + to.name().toLowerCase(Locale.ROOT);
    return new TransactionEvent(type, id, paymentId, terminalId, from, to, reason, at);
  }

  /** E.g. {@code payment pay_3f9k2}: how messages and locks name the transaction. */
  public String label() {
    return kind + " " + id;
  }

  public TerminalId terminalId() {
    return terminalId;
  }

  public TransactionStatus status() {
    return status;
  }

  public Optional<Syssn> syssn() {
    return Optional.ofNullable(syssn);
  }

  public Optional<Failure> failure() {
    return Optional.ofNullable(failure);
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

  public int reconcileAttempts() {
    return reconcileAttempts;
  }

  public Optional<Instant> nextReconcileAt() {
    return Optional.ofNullable(nextReconcileAt);
  }

  public long version() {
    return version;
  }

  public Optional<ConfirmedBy> confirmedBy() {
    return Optional.ofNullable(confirmedBy);
  }

  public boolean confirmationPending() {
    return confirmationPending;
  }

  /** Which sources reconciliation asked last and what each said (see {@link ReconcileSources}). */
  public Optional<String> reconcileSources() {
    return Optional.ofNullable(reconcileSources);
  }

  /** Records what the sources said on the latest reconciliation attempt. */
  void recordSources(String sources) {
    this.reconcileSources = sources;
  }

  /** UNKNOWN and its next reconciliation attempt is due at {@code now}. */
  public boolean isReconcileDue(Instant now) {
    return status == TransactionStatus.UNKNOWN
        && nextReconcileAt != null
        && !nextReconcileAt.isAfter(now);
  }

  public LifecycleSnapshot snapshot() {
    return new LifecycleSnapshot(
        status,
        syssn,
        failure,
        sentAt,
        createdAt,
        updatedAt,
        reviewNote,
        reconcileAttempts,
        nextReconcileAt,
        version,
        confirmedBy,
        confirmationPending,
        reconcileSources);
  }
}

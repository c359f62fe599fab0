package io.ecrhub.domain.transaction;

import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TransactionReport;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A payment or a refund: what a {@link TransactionLifecycle} lets one {@link Verdict#applyTo} and
 * one reconciliation loop settle. The state and transitions are the composed lifecycle's; these
 * defaults are the aggregate's public face for them.
 */
public sealed interface Settleable permits Payment, Refund {

  /** The shared life of this transaction. */
  TransactionLifecycle lifecycle();

  /** The terminal that carries (or carried) it. */
  default TerminalId terminalId() {
    return lifecycle().terminalId();
  }

  /**
   * Cancelled on the terminal, or before it was ever sent; the failure says {@code how} and keeps
   * no code (a payment overrides this: it keeps {@code 6001}).
   *
   * @param how e.g. {@code 6001}, or the operator's reason
   */
  default void cancel(String how, Instant now) {
    lifecycle().cancel(how, null, now);
  }

  /**
   * The terminal (or a notification, or a query) says it succeeded.
   *
   * @param settledSyssn its syssn, or null (a previous one is kept)
   * @param by what vouches for it, or null when not recorded
   * @param pending true until a signed notification (or the cloud) confirms it
   */
  default void succeed(
      Syssn settledSyssn, String how, ConfirmedBy by, boolean pending, Instant now) {
    lifecycle().succeed(settledSyssn, how, by, pending, now);
  }

  /**
   * Succeeded, as {@code report} says (a payment overrides this: it also keeps the card the report
   * names).
   */
  default void succeed(
      Syssn settledSyssn,
      TransactionReport report,
      String how,
      ConfirmedBy by,
      boolean pending,
      Instant now) {
    succeed(settledSyssn, how, by, pending, now);
  }

  /** Recorded as sent: from here on a lost answer means UNKNOWN, never FAILED. */
  default void markInProgress(Instant now) {
    lifecycle().markInProgress(now);
  }

  /** A definite unsuccessful answer (6002 etc.). */
  default void decline(DeclineReason reason, String code, String message, Instant now) {
    lifecycle().decline(reason, code, message, now);
  }

  /** Provably never reached the terminal. */
  default void fail(DeclineReason reason, String code, String message, Instant now) {
    lifecycle().fail(reason, code, message, now);
  }

  /**
   * May have reached the terminal; reconciliation takes over. The first query is scheduled {@link
   * ReconcileSchedule#delayAfter(int) 5 s} later.
   */
  default void markUnknown(String why, Instant now) {
    lifecycle().markUnknown(why, now);
  }

  /**
   * Counts one reconciliation attempt that gave no definite answer and schedules the next one.
   *
   * @param next when to ask again, or null to stop asking automatically (flag it for review)
   */
  default void recordReconcileAttempt(Instant next, Instant now) {
    lifecycle().recordReconcileAttempt(next, now);
  }

  /** Moves the next reconciliation attempt (null: none scheduled). */
  default void scheduleReconcile(Instant next) {
    lifecycle().scheduleReconcile(next);
  }

  /**
   * A settled transaction confirmed by a stronger source (a signed notification, the cloud):
   * records it as what vouches for it, ends the wait for confirmation, and fills in the syssn when
   * the settling answer lacked it. No-op unless SUCCEEDED.
   */
  default void confirm(ConfirmedBy by, Syssn settledSyssn, Instant now) {
    lifecycle().confirm(by, settledSyssn, now);
  }

  /**
   * Flags an inconsistency (e.g. a notification's amount differs, an answer names another
   * transaction) for an operator to review; raises {@code payment.review_required} or {@code
   * refund.review_required}.
   */
  default void flagForReview(String note, Instant now) {
    lifecycle().flagForReview(note, now);
  }

  /** Events raised since the last call; the caller publishes them in the same unit of work. */
  default List<TransactionEvent> drainEvents() {
    return lifecycle().drainEvents();
  }

  /** UNKNOWN and its next reconciliation attempt is due at {@code now}. */
  default boolean isReconcileDue(Instant now) {
    return lifecycle().isReconcileDue(now);
  }

  default TransactionStatus status() {
    return lifecycle().status();
  }

  default Optional<Syssn> syssn() {
    return lifecycle().syssn();
  }

  default Optional<DeclineReason> failureReason() {
    return lifecycle().failure().map(Failure::reason);
  }

  default Optional<String> failureCode() {
    return lifecycle().failure().map(Failure::code);
  }

  default Optional<String> failureMessage() {
    return lifecycle().failure().map(Failure::message);
  }

  default Optional<Instant> sentAt() {
    return lifecycle().sentAt();
  }

  default Instant createdAt() {
    return lifecycle().createdAt();
  }

  default Instant updatedAt() {
    return lifecycle().updatedAt();
  }

  default Optional<String> reviewNote() {
    return lifecycle().reviewNote();
  }

  /** Reconciliation queries made so far without a definite answer. */
  default int reconcileAttempts() {
    return lifecycle().reconcileAttempts();
  }

  /** When reconciliation asks the terminal next; empty when nothing is scheduled. */
  default Optional<Instant> nextReconcileAt() {
    return lifecycle().nextReconcileAt();
  }

  /** Optimistic-lock version: 0 for a new transaction, incremented by every save. */
  default long version() {
    return lifecycle().version();
  }

  /** What vouches for the success; empty unless SUCCEEDED (or not recorded). */
  default Optional<ConfirmedBy> confirmedBy() {
    return lifecycle().confirmedBy();
  }

  /** True while a settlement waits for a signed notification (or the cloud) to confirm it. */
  default boolean confirmationPending() {
    return lifecycle().confirmationPending();
  }
}

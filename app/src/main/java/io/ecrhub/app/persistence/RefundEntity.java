package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code refund}; amounts in minor units. */
@Entity
@Table(name = "refund")
class RefundEntity extends VersionedRow {
  @Column(name = "payment_id")
  String paymentId;

  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "amount_minor")
  long amountMinor;

  @Column(name = "currency")
  String currency;

  @Column(name = "external")
  boolean external;

  @Column(name = "status")
  String status;

  @Column(name = "syssn")
  String syssn;

  @Column(name = "failure_reason")
  String failureReason;

  @Column(name = "failure_code")
  String failureCode;

  @Column(name = "failure_message")
  String failureMessage;

  @Column(name = "sent_at")
  Instant sentAt;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "updated_at")
  Instant updatedAt;

  @Column(name = "review_note")
  String reviewNote;

  @Column(name = "reconcile_attempts")
  int reconcileAttempts;

  @Column(name = "next_reconcile_at")
  Instant nextReconcileAt;

  /**
   * {@link io.ecrhub.domain.transaction.ConfirmedBy} name, or null (not settled, or before V42).
   */
  @Column(name = "confirmed_by", length = 20)
  String confirmedBy;

  @Column(name = "confirmation_pending")
  boolean confirmationPending;
}

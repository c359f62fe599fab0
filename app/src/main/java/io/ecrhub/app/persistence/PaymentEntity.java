package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code payment}; amounts in minor units. */
@Entity
@Table(name = "payment")
class PaymentEntity extends VersionedRow {
  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "amount_minor")
  long amountMinor;

  @Column(name = "currency")
  String currency;

  @Column(name = "channel")
  String channel;

  @Column(name = "out_trade_no")
  String outTradeNo;

  @Column(name = "reference")
  String reference;

  @Column(name = "idempotency_key")
  String idempotencyKey;

  @Column(name = "request_fingerprint")
  String requestFingerprint;

  @Column(name = "status")
  String status;

  @Column(name = "syssn")
  String syssn;

  @Column(name = "refunded_minor")
  long refundedMinor;

  @Column(name = "card_scheme")
  String cardScheme;

  @Column(name = "masked_card_number")
  String maskedCardNumber;

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

package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Row of {@code payment}; amounts in minor units. */
@Entity
@Table(name = "payment")
class PaymentEntity extends TransactionRow {
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

  @Column(name = "refunded_minor")
  long refundedMinor;

  @Column(name = "card_scheme")
  String cardScheme;

  @Column(name = "masked_card_number")
  String maskedCardNumber;

  /** {@link io.ecrhub.domain.terminal.Transport} that carried the request, or null. */
  @Column(name = "sent_via")
  String sentVia;

  @Embedded LifecycleColumns lifecycle = new LifecycleColumns();
}

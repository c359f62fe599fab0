package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Embedded;
import jakarta.persistence.Entity;
import jakarta.persistence.Table;

/** Row of {@code refund}; amounts in minor units. */
@Entity
@Table(name = "refund")
class RefundEntity extends TransactionRow {
  @Column(name = "payment_id")
  String paymentId;

  @Column(name = "external")
  boolean external;

  /** TERMINAL or CLOUD (ADR 0021); null for an external refund. */
  @Column(name = "route")
  String route;

  /** A cloud refund's own out_trade_no; null otherwise. */
  @Column(name = "out_trade_no")
  String outTradeNo;

  @Embedded LifecycleColumns lifecycle = new LifecycleColumns();
}

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

  @Embedded LifecycleColumns lifecycle = new LifecycleColumns();

  @Override
  LifecycleColumns lifecycle() {
    return lifecycle;
  }
}

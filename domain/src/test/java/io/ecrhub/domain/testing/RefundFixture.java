package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.RefundRoute;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refunds of a given payment in any state, restored from a snapshot. Defaults: a fresh id, the
 * payment's full amount, created at the payment's creation time, PENDING.
 */
public final class RefundFixture extends TransactionFixture<RefundFixture> {
  private static final AtomicLong SEQ = new AtomicLong();

  private final Payment payment;
  private RefundId id;
  private Money amount;
  private boolean external;

  private RefundFixture(Payment payment) {
    this.payment = payment;
  }

  public static RefundFixture of(Payment payment) {
    return new RefundFixture(payment);
  }

  public RefundFixture id(String v) {
    this.id = new RefundId(v);
    return this;
  }

  public RefundFixture amount(Money v) {
    this.amount = v;
    return this;
  }

  public RefundFixture external(boolean v) {
    this.external = v;
    return this;
  }

  public Refund build() {
    return Refund.restore(snapshot());
  }

  public Refund.Snapshot snapshot() {
    long n = SEQ.incrementAndGet();
    var lifecycle = lifecycle(payment.createdAt(), null);
    var facts =
        new Refund.Facts(
            id != null ? id : new RefundId("ref_fx" + n),
            payment.id(),
            payment.terminalId(),
            amount != null ? amount : payment.amount());
    RefundRoute route = external ? null : RefundRoute.TERMINAL;
    return new Refund.Snapshot(facts, external, lifecycle, route, null);
  }
}

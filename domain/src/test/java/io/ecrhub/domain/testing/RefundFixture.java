package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Refunds of a given payment in any state, restored from a snapshot. Defaults: a fresh id, the
 * payment's full amount, created at the payment's creation time, PENDING.
 */
public final class RefundFixture {
  private static final AtomicLong SEQ = new AtomicLong();

  private final Payment payment;
  private RefundId id;
  private Money amount;
  private boolean external;
  private Instant createdAt;
  private TransactionStatus status = TransactionStatus.PENDING;
  private Syssn syssn;
  private DeclineReason failureReason;
  private String failureCode;
  private String failureMessage;
  private Instant sentAt;
  private String reviewNote;
  private int reconcileAttempts;
  private Instant nextReconcileAt;
  private long version;
  private ConfirmedBy confirmedBy;
  private boolean confirmationPending;

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

  public RefundFixture createdAt(Instant v) {
    this.createdAt = v;
    return this;
  }

  public RefundFixture status(TransactionStatus v) {
    this.status = v;
    return this;
  }

  public RefundFixture syssn(String v) {
    this.syssn = v == null ? null : Syssn.of(v);
    return this;
  }

  public RefundFixture failure(DeclineReason reason, String code, String message) {
    this.failureReason = reason;
    this.failureCode = code;
    this.failureMessage = message;
    return this;
  }

  public RefundFixture sentAt(Instant v) {
    this.sentAt = v;
    return this;
  }

  public RefundFixture reviewNote(String v) {
    this.reviewNote = v;
    return this;
  }

  public RefundFixture reconcile(int attempts, Instant next) {
    this.reconcileAttempts = attempts;
    this.nextReconcileAt = next;
    return this;
  }

  /** What vouches for the settlement, and whether it waits for confirmation (ADR 0007). */
  public RefundFixture confirmed(ConfirmedBy by, boolean pending) {
    this.confirmedBy = by;
    this.confirmationPending = pending;
    return this;
  }

  public RefundFixture version(long v) {
    this.version = v;
    return this;
  }

  public Refund build() {
    return Refund.restore(snapshot());
  }

  public Refund.Snapshot snapshot() {
    long n = SEQ.incrementAndGet();
    Instant created = createdAt != null ? createdAt : payment.createdAt();
    boolean sent = status != TransactionStatus.PENDING;
    return new Refund.Snapshot(
        id != null ? id : new RefundId("ref_fx" + n),
        payment.id(),
        payment.terminalId(),
        amount != null ? amount : payment.amount(),
        external,
        created,
        status,
        syssn,
        failureReason,
        failureCode,
        failureMessage,
        sentAt != null ? sentAt : (sent ? created : null),
        created,
        reviewNote,
        reconcileAttempts,
        nextReconcileAt,
        version,
        confirmedBy,
        confirmationPending);
  }
}

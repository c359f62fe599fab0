package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payments in any state, restored from a snapshot (no events pending). Defaults: a fresh id, an HKD
 * 10.50 Alipay payment on {@code till-1}, created at {@link MutableClock#DEFAULT_START}, in
 * PENDING. Choosing a later status fills what that status implies (sent at, syssn) unless set.
 */
public final class PaymentFixture {
  private static final AtomicLong SEQ = new AtomicLong();

  private PaymentId id;
  private TerminalId terminalId = TerminalFixture.DEFAULT_ID;
  private Money amount = TestMoney.hkd("10.50");
  private Channel channel = Channel.ALIPAY;
  private OutTradeNo outTradeNo;
  private String reference;
  private String idempotencyKey;
  private String fingerprint = "fixture";
  private Instant createdAt = MutableClock.DEFAULT_START;
  private TransactionStatus status = TransactionStatus.PENDING;
  private Syssn syssn;
  private Money refunded;
  private String cardScheme;
  private String maskedCard;
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

  private PaymentFixture() {}

  public static PaymentFixture builder() {
    return new PaymentFixture();
  }

  /** A SUCCEEDED payment with a syssn, otherwise defaults. */
  public static Payment succeeded() {
    return builder().status(TransactionStatus.SUCCEEDED).build();
  }

  /** A payment in {@code status}, otherwise defaults. */
  public static Payment inStatus(TransactionStatus status) {
    return builder().status(status).build();
  }

  public PaymentFixture id(String v) {
    this.id = new PaymentId(v);
    return this;
  }

  public PaymentFixture terminalId(TerminalId v) {
    this.terminalId = v;
    return this;
  }

  public PaymentFixture amount(Money v) {
    this.amount = v;
    return this;
  }

  public PaymentFixture channel(Channel v) {
    this.channel = v;
    return this;
  }

  public PaymentFixture outTradeNo(String v) {
    this.outTradeNo = OutTradeNo.of(v);
    return this;
  }

  public PaymentFixture reference(String v) {
    this.reference = v;
    return this;
  }

  public PaymentFixture idempotencyKey(String key, String requestFingerprint) {
    this.idempotencyKey = key;
    this.fingerprint = requestFingerprint;
    return this;
  }

  public PaymentFixture createdAt(Instant v) {
    this.createdAt = v;
    return this;
  }

  public PaymentFixture status(TransactionStatus v) {
    this.status = v;
    return this;
  }

  public PaymentFixture syssn(String v) {
    this.syssn = v == null ? null : Syssn.of(v);
    return this;
  }

  public PaymentFixture refunded(Money v) {
    this.refunded = v;
    return this;
  }

  public PaymentFixture card(String scheme, String masked) {
    this.cardScheme = scheme;
    this.maskedCard = masked;
    return this;
  }

  public PaymentFixture failure(DeclineReason reason, String code, String message) {
    this.failureReason = reason;
    this.failureCode = code;
    this.failureMessage = message;
    return this;
  }

  public PaymentFixture sentAt(Instant v) {
    this.sentAt = v;
    return this;
  }

  public PaymentFixture updatedAt(Instant v) {
    this.updatedAt = v;
    return this;
  }

  public PaymentFixture reviewNote(String v) {
    this.reviewNote = v;
    return this;
  }

  public PaymentFixture reconcile(int attempts, Instant next) {
    this.reconcileAttempts = attempts;
    this.nextReconcileAt = next;
    return this;
  }

  /** What vouches for the settlement, and whether it waits for confirmation (ADR 0007). */
  public PaymentFixture confirmed(ConfirmedBy by, boolean pending) {
    this.confirmedBy = by;
    this.confirmationPending = pending;
    return this;
  }

  public PaymentFixture version(long v) {
    this.version = v;
    return this;
  }

  public Payment build() {
    return Payment.restore(snapshot());
  }

  public Payment.Snapshot snapshot() {
    long n = SEQ.incrementAndGet();
    PaymentId pid = id != null ? id : new PaymentId("pay_fx" + n);
    OutTradeNo otn = outTradeNo != null ? outTradeNo : OutTradeNo.of("EHfx" + n);
    boolean sent = status != TransactionStatus.PENDING;
    Instant sent0 = sentAt != null ? sentAt : (sent ? createdAt : null);
    Syssn sys =
        syssn != null
            ? syssn
            : (status == TransactionStatus.SUCCEEDED ? Syssn.of("2026030200000" + n) : null);
    return new Payment.Snapshot(
        pid,
        terminalId,
        amount,
        channel,
        otn,
        reference,
        idempotencyKey,
        fingerprint,
        createdAt,
        status,
        sys,
        refunded,
        cardScheme,
        maskedCard,
        failureReason,
        failureCode,
        failureMessage,
        sent0,
        updatedAt != null ? updatedAt : createdAt,
        reviewNote,
        reconcileAttempts,
        nextReconcileAt,
        version,
        confirmedBy,
        confirmationPending);
  }
}

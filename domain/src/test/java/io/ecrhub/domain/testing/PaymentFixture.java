package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payments in any state, restored from a snapshot (no events pending). Defaults: a fresh id, an HKD
 * 10.50 Alipay payment on {@code till-1}, created at {@link MutableClock#DEFAULT_START}, in
 * PENDING. Choosing a later status fills what that status implies (sent at, syssn) unless set.
 */
public final class PaymentFixture extends TransactionFixture<PaymentFixture> {
  private static final AtomicLong SEQ = new AtomicLong();

  private PaymentId id;
  private TerminalId terminalId = TerminalFixture.DEFAULT_ID;
  private Money amount = TestMoney.hkd("10.50");
  private Channel channel = Channel.ALIPAY;
  private OutTradeNo outTradeNo;
  private String reference;
  private String idempotencyKey;
  private String fingerprint = "fixture";
  private Money refunded;
  private String cardScheme;
  private String maskedCard;

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

  public PaymentFixture refunded(Money v) {
    this.refunded = v;
    return this;
  }

  public PaymentFixture card(String scheme, String masked) {
    this.cardScheme = scheme;
    this.maskedCard = masked;
    return this;
  }

  public Payment build() {
    return Payment.restore(snapshot());
  }

  public Payment.Snapshot snapshot() {
    long n = SEQ.incrementAndGet();
    PaymentId pid = id != null ? id : new PaymentId("pay_fx" + n);
    OutTradeNo otn = outTradeNo != null ? outTradeNo : OutTradeNo.of("EHfx" + n);
    Syssn sys = status() == TransactionStatus.SUCCEEDED ? Syssn.of("2026030200000" + n) : null;
    var facts =
        new Payment.Facts(
            pid, terminalId, amount, channel, otn, reference, idempotencyKey, fingerprint);
    var lifecycle = lifecycle(MutableClock.DEFAULT_START, sys);
    return new Payment.Snapshot(facts, refunded, cardScheme, maskedCard, lifecycle, null);
  }
}

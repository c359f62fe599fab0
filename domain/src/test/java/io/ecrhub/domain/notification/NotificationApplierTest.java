package io.ecrhub.domain.notification;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.Fakes.InMemoryPayments;
import io.ecrhub.domain.notification.Fakes.RecordingEvents;
import io.ecrhub.domain.notification.Fakes.SerialUnitOfWork;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.testing.InMemoryRefunds;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.RefundRoute;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class NotificationApplierTest {
  static final Instant T0 = Instant.parse("2025-08-26T07:54:00Z");
  final InMemoryPayments payments = new InMemoryPayments();
  final InMemoryRefunds refunds = new InMemoryRefunds();
  final RecordingEvents events = new RecordingEvents();
  final SerialUnitOfWork uow = new SerialUnitOfWork();
  final AtomicInteger seq = new AtomicInteger();
  final NotificationApplier applier =
      new NotificationApplier(
          payments,
          refunds,
          uow,
          events,
          Clock.fixed(T0.plusSeconds(60), ZoneOffset.UTC),
          () -> "id" + seq.incrementAndGet());

  @Test
  void paymentNotification_settlesUnknownPaymentToSucceeded_andFillsSyssn() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);

    ApplyResult result = applier.apply(paymentNote("order-1", "SYS1", "1050", "HKD"));

    assertThat(result).isInstanceOf(ApplyResult.Applied.class);
    assertThat(result.inboxStatus()).isEqualTo(InboxStatus.APPLIED);
    Payment after = payments.get(p.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(after.syssn()).contains(Syssn.of("SYS1"));
    assertThat(events.types()).containsExactly("payment.succeeded");
  }

  @Test
  void theResultIsRecordedInTheSameUnitOfWorkAsTheChange_andEventsFollowTheCommit() {
    payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);
    int before = uow.commits;
    java.util.List<String> seen = new java.util.ArrayList<>();

    applier.apply(
        paymentNote("order-1", "SYS1", "1050", "HKD"),
        r -> seen.add(r.inboxStatus() + " events so far: " + events.published.size()));

    assertThat(seen).containsExactly("APPLIED events so far: 0");
    assertThat(uow.commits - before).isEqualTo(1);
    assertThat(events.types()).containsExactly("payment.succeeded");
  }

  @Test
  void paymentNotification_settlesInProgressPayment() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.IN_PROGRESS);

    applier.apply(paymentNote("order-1", "SYS1", 1050, "HKD"));

    assertThat(payments.get(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void sameNotificationTwice_secondHasNoEffect() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);
    applier.apply(paymentNote("order-1", "SYS1", "1050", "HKD"));
    long version = payments.get(p.id()).version();
    events.published.clear();

    ApplyResult again = applier.apply(paymentNote("order-1", "SYS1", "1050", "HKD"));

    assertThat(again).isInstanceOf(ApplyResult.AlreadyApplied.class);
    assertThat(payments.get(p.id()).version()).isEqualTo(version);
    assertThat(events.published).isEmpty();
  }

  @Test
  void amountMismatch_flagsPaymentForReviewWithBothValues_andDoesNotSettle() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);

    ApplyResult result = applier.apply(paymentNote("order-1", "SYS1", "1000", "HKD"));

    assertThat(result).isInstanceOf(ApplyResult.FlaggedForReview.class);
    assertThat(result.inboxStatus()).isEqualTo(InboxStatus.REVIEW);
    Payment after = payments.get(p.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains("HKD 10.00", "HKD 10.50"));
  }

  @Test
  void currencyMismatch_flagsPaymentForReview() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);

    ApplyResult result = applier.apply(paymentNote("order-1", "SYS1", "1050", "USD"));

    assertThat(result).isInstanceOf(ApplyResult.FlaggedForReview.class);
    assertThat(payments.get(p.id()).reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains("USD 10.50", "HKD 10.50"));
  }

  @Test
  void missingCurrency_comparesCentsInThePaymentCurrency() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);

    applier.apply(paymentNote("order-1", "SYS1", "1050", null));

    assertThat(payments.get(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void notificationBeforePaymentExists_isParked_thenAppliedWhenItAppears() {
    QfpayNotification n = paymentNote("order-9", "SYS9", "500", "HKD");

    ApplyResult first = applier.apply(n);
    assertThat(first).isInstanceOf(ApplyResult.Parked.class);
    assertThat(first.inboxStatus()).isEqualTo(InboxStatus.PARKED);

    Payment p = payment("pay_9", "order-9", "5.00", TransactionStatus.IN_PROGRESS);
    ApplyResult second = applier.apply(n);

    assertThat(second).isInstanceOf(ApplyResult.Applied.class);
    assertThat(payments.get(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void succeededPaymentWithAnotherSyssn_isFlaggedAsPossibleSecondCharge() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.SUCCEEDED);

    ApplyResult result = applier.apply(paymentNote("order-1", "OTHER", "1050", "HKD"));

    assertThat(result).isInstanceOf(ApplyResult.FlaggedForReview.class);
    assertThat(payments.get(p.id()).reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains("OTHER", "SYS-pay_1"));
  }

  @Test
  void declinedPaymentReportedSucceeded_isFlaggedNotSettled() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.DECLINED);

    ApplyResult result = applier.apply(paymentNote("order-1", "SYS1", "1050", "HKD"));

    assertThat(result).isInstanceOf(ApplyResult.FlaggedForReview.class);
    assertThat(payments.get(p.id()).status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(payments.get(p.id()).reviewNote()).isPresent();
  }

  @Test
  void concurrentChange_isRetriedAndApplied() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);
    payments.failNextSaves = 2;

    ApplyResult result = applier.apply(paymentNote("order-1", "SYS1", "1050", "HKD"));

    assertThat(result).isInstanceOf(ApplyResult.Applied.class);
    assertThat(payments.get(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(events.types()).containsExactly("payment.succeeded");
  }

  @Test
  void refundNotification_settlesTheHubsInFlightRefund_andCountsItOnThePayment() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.SUCCEEDED);
    Refund r = terminalRefund(p, "4.00");
    r.markInProgress(T0);
    r.markUnknown("lost answer", T0);
    refunds.save(r);

    ApplyResult result = applier.apply(refundNote("R1", "order-1", null, "400", "cancel"));

    assertThat(result).isInstanceOf(ApplyResult.Applied.class);
    Refund after = refunds.findById(r.id()).orElseThrow();
    assertThat(after.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(after.syssn()).contains(Syssn.of("R1"));
    assertThat(payments.get(p.id()).refundedAmount()).isEqualTo(hkd("4.00"));
    assertThat(events.types()).contains("refund.succeeded");
  }

  @Test
  void refundDoneOutsideTheHub_isRecordedAsExternalRefund_once() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.SUCCEEDED);

    ApplyResult result = applier.apply(refundNote("R2", null, "SYS-pay_1", "1050", "refund"));
    ApplyResult again = applier.apply(refundNote("R2", null, "SYS-pay_1", "1050", "refund"));

    assertThat(result).isInstanceOf(ApplyResult.Applied.class);
    assertThat(again).isInstanceOf(ApplyResult.AlreadyApplied.class);
    assertThat(refunds.findByPayment(p.id()))
        .singleElement()
        .satisfies(
            r -> {
              assertThat(r.isExternal()).isTrue();
              assertThat(r.status()).isEqualTo(TransactionStatus.SUCCEEDED);
              assertThat(r.syssn()).contains(Syssn.of("R2"));
              assertThat(r.paymentId()).isEqualTo(p.id());
            });
    assertThat(payments.get(p.id()).refundedAmount()).isEqualTo(hkd("10.50"));
  }

  @Test
  void refundBeforeItsPaymentSettled_isParked_thenAppliedAfterThePaymentSettles() {
    payment("pay_1", "order-1", "10.50", TransactionStatus.UNKNOWN);
    QfpayNotification refund = refundNote("R3", "order-1", null, "200", "refund");

    assertThat(applier.apply(refund)).isInstanceOf(ApplyResult.Parked.class);
    applier.apply(paymentNote("order-1", "SYS1", "1050", "HKD"));
    ApplyResult retried = applier.apply(refund);

    assertThat(retried).isInstanceOf(ApplyResult.Applied.class);
    assertThat(payments.get(new PaymentId("pay_1")).refundedAmount()).isEqualTo(hkd("2.00"));
  }

  @Test
  void refundOfUnknownPayment_isParked() {
    assertThat(applier.apply(refundNote("R4", "nope", "NOPE", "200", "refund")))
        .isInstanceOf(ApplyResult.Parked.class);
  }

  @Test
  void refundLargerThanRefundable_isFlaggedForReview() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.SUCCEEDED);

    ApplyResult result = applier.apply(refundNote("R5", "order-1", null, "2000", "refund"));

    assertThat(result).isInstanceOf(ApplyResult.FlaggedForReview.class);
    assertThat(refunds.findByPayment(p.id())).isEmpty();
    assertThat(payments.get(p.id()).reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains("HKD 20.00"));
  }

  @Test
  void refundAmountDifferentFromTheInFlightRefund_isFlaggedNotSettled() {
    Payment p = payment("pay_1", "order-1", "10.50", TransactionStatus.SUCCEEDED);
    Refund r = terminalRefund(p, "4.00");
    r.markInProgress(T0);
    refunds.save(r);

    ApplyResult result = applier.apply(refundNote("R6", "order-1", null, "300", "refund"));

    assertThat(result).isInstanceOf(ApplyResult.FlaggedForReview.class);
    assertThat(refunds.findById(r.id()).orElseThrow().status())
        .isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(payments.get(p.id()).reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains("HKD 3.00", "HKD 4.00"));
  }

  @Test
  void preauthRelease_andNonSuccess_areIgnored() {
    QfpayNotification unfreeze =
        note(NotificationType.PREAUTH_RELEASE, "U1", "x", null, null, "100", "HKD", "1", "0000");
    QfpayNotification failed =
        note(NotificationType.PAYMENT, "F1", "order-1", null, null, "100", "HKD", "0", "1143");
    payment("pay_1", "order-1", "1.00", TransactionStatus.UNKNOWN);

    assertThat(applier.apply(unfreeze)).isInstanceOf(ApplyResult.Ignored.class);
    assertThat(applier.apply(failed).inboxStatus()).isEqualTo(InboxStatus.IGNORED);
    assertThat(payments.get(new PaymentId("pay_1")).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  // ---- fixtures

  Payment payment(String id, String outTradeNo, String amount, TransactionStatus status) {
    return payments.save(newPayment(id, outTradeNo, amount, status));
  }

  /** A payment in {@code status} on terminal t1, not stored yet. */
  static Payment newPayment(String id, String outTradeNo, String amount, TransactionStatus status) {
    Payment p =
        Payment.create(
            new Payment.Facts(
                new PaymentId(id),
                TerminalId.of("t1"),
                hkd(amount),
                Channel.CARD_PAYMENT,
                OutTradeNo.of(outTradeNo),
                null,
                null,
                "fp"),
            T0);
    switch (status) {
      case PENDING -> {}
      case IN_PROGRESS -> p.markInProgress(T0);
      case UNKNOWN -> {
        p.markInProgress(T0);
        p.markUnknown("timeout", T0);
      }
      case SUCCEEDED -> {
        p.markInProgress(T0);
        p.succeed(Syssn.of("SYS-" + id), "terminal", null, false, T0);
      }
      case DECLINED -> {
        p.markInProgress(T0);
        p.decline(DeclineReason.DECLINED_BY_TERMINAL, "6002", "declined", T0);
      }
      default -> throw new IllegalArgumentException(status.name());
    }
    p.drainEvents();
    return p;
  }

  /** A refund {@code ref_1} of {@code amount} of {@code p}, to be sent to its terminal. */
  static Refund terminalRefund(Payment p, String amount) {
    return Refund.create(
        new Refund.Facts(new RefundId("ref_1"), p.id(), p.terminalId(), hkd(amount)),
        RefundRoute.TERMINAL,
        null,
        null,
        T0);
  }

  static Money hkd(String amount) {
    return Money.of(amount, "HKD");
  }

  static QfpayNotification paymentNote(
      String outTradeNo, String syssn, Object cents, String currency) {
    return note(
        NotificationType.PAYMENT,
        syssn,
        outTradeNo,
        null,
        null,
        String.valueOf(cents),
        currency,
        "1",
        "0000");
  }

  static QfpayNotification refundNote(
      String syssn, String origOutTradeNo, String origSyssn, String cents, String wireType) {
    return note(
        NotificationType.fromWire(wireType).orElseThrow(),
        syssn,
        "a1b2c3d4e5f60718293a4b5c6d7e8f90",
        origSyssn,
        origOutTradeNo,
        cents,
        "HKD",
        "1",
        "0000");
  }

  static QfpayNotification note(
      NotificationType type,
      String syssn,
      String outTradeNo,
      String origSyssn,
      String origOutTradeNo,
      String cents,
      String currency,
      String status,
      String respcd) {
    Map<String, String> fields = new HashMap<>();
    fields.put("syssn", syssn);
    fields.put("txamt", cents);
    if (currency != null) {
      fields.put("txcurrcd", currency);
    }
    Money amount = Money.ofMinor(Long.parseLong(cents), currency == null ? "HKD" : currency);
    return new QfpayNotification(
        type,
        syssn,
        outTradeNo,
        origSyssn,
        origOutTradeNo,
        amount,
        "802808",
        status,
        respcd,
        fields);
  }
}

package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.testing.TestMoney.hkd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.testing.MutableClock;
import io.ecrhub.domain.testing.PaymentFixture;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class PaymentTest {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  @Test
  void create_refusesANonPositiveAmount() {
    assertThatThrownBy(
            () ->
                Payment.create(
                    new Payment.Facts(
                        new PaymentId("pay_0"),
                        io.ecrhub.domain.testing.TerminalFixture.DEFAULT_ID,
                        hkd("0.00"),
                        Channel.WX,
                        OutTradeNo.of("EH0"),
                        null,
                        null,
                        "fp"),
                    T0))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("greater than zero");
  }

  @Test
  void markInProgress_recordsWhenItWasSent() {
    Payment p = PaymentFixture.builder().build();

    p.markInProgress(T0.plusSeconds(1));

    assertThat(p.sentAt()).contains(T0.plusSeconds(1));
  }

  @Test
  void markUnknown_schedulesTheFirstQueryFiveSecondsLater() {
    Payment p = PaymentFixture.inStatus(TransactionStatus.IN_PROGRESS);

    p.markUnknown("no answer", T0.plusSeconds(100));

    assertThat(p.nextReconcileAt()).contains(T0.plusSeconds(105));
    assertThat(p.reconcileAttempts()).isZero();
    assertThat(p.failureMessage()).contains("no answer");
    assertThat(p.isReconcileDue(T0.plusSeconds(104))).isFalse();
    assertThat(p.isReconcileDue(T0.plusSeconds(105))).isTrue();
  }

  @Test
  void recordReconcileAttempt_countsAndReschedules() {
    Payment p = PaymentFixture.inStatus(TransactionStatus.IN_PROGRESS);
    p.markUnknown("no answer", T0);

    p.recordReconcileAttempt(T0.plusSeconds(20), T0.plusSeconds(5));
    p.recordReconcileAttempt(null, T0.plusSeconds(20));

    assertThat(p.reconcileAttempts()).isEqualTo(2);
    assertThat(p.nextReconcileAt()).isEmpty();
    assertThat(p.isReconcileDue(T0.plus(java.time.Duration.ofDays(9)))).isFalse();
  }

  @Test
  void settling_clearsTheScheduleAndTheFailure() {
    Payment p = PaymentFixture.inStatus(TransactionStatus.IN_PROGRESS);
    p.markUnknown("no answer", T0);

    p.succeed(Syssn.of("s1"), "VISA", "520000******1096", "query", null, false, T0.plusSeconds(5));

    assertThat(p.nextReconcileAt()).isEmpty();
    assertThat(p.failureMessage()).isEmpty();
    assertThat(p.syssn()).contains(Syssn.of("s1"));
    assertThat(p.cardScheme()).contains("VISA");
    assertThat(p.maskedCardNumber()).contains("520000******1096");
    assertThat(p.isReconcileDue(T0.plusSeconds(5))).isFalse();
  }

  @Test
  void refundableAmount_isZeroUnlessSucceeded() {
    assertThat(PaymentFixture.inStatus(TransactionStatus.UNKNOWN).refundableAmount().isZero())
        .isTrue();
    assertThat(PaymentFixture.succeeded().refundableAmount()).isEqualTo(hkd("10.50"));
  }

  @Test
  void recordRefund_addsUpAndRefusesMoreThanRefundable() {
    Payment p = PaymentFixture.succeeded();

    p.recordRefund(hkd("10.00"), T0);
    assertThat(p.refundedAmount()).isEqualTo(hkd("10.00"));
    assertThat(p.refundableAmount()).isEqualTo(hkd("0.50"));
    assertThat(p.drainEvents())
        .extracting(TransactionEvent::reason)
        .containsExactly("refunded HKD 10.00");

    assertThatThrownBy(() -> p.recordRefund(hkd("0.51"), T0))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("REFUND_EXCEEDS_REFUNDABLE");
  }

  @Test
  void flagForReview_keepsTheNoteAndRaisesAnEvent() {
    Payment p = PaymentFixture.succeeded();

    p.flagForReview("amount differs", T0);

    assertThat(p.reviewNote()).contains("amount differs");
    assertThat(p.drainEvents())
        .singleElement()
        .satisfies(e -> assertThat(e.reason()).contains("amount differs"));
  }

  @Test
  void snapshot_restoreRoundTripsEveryField() {
    Payment p =
        PaymentFixture.builder()
            .status(TransactionStatus.UNKNOWN)
            .reference("ORDER_1")
            .idempotencyKey("k", "fp")
            .reconcile(3, T0.plusSeconds(30))
            .reviewNote("x")
            .version(7)
            .build();

    assertThat(Payment.restore(p.snapshot()).snapshot()).isEqualTo(p.snapshot());
    assertThat(p.snapshot().withVersion(8).lifecycle().version()).isEqualTo(8);
    assertThat(p.snapshot().withVersion(8).withVersion(7)).isEqualTo(p.snapshot());
  }
}

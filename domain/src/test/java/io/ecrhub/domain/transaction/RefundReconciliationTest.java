package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.hkd;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalCommand.Query;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.RefundFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundReconciliationTest {
  private static final String SYSSN = "20260302000000000077";
  private final Harness h = new Harness();

  private Payment paid(String amount) {
    return h.store(
        PaymentFixture.builder()
            .channel(Channel.WX)
            .amount(hkd(amount))
            .syssn(SYSSN)
            .createdAt(h.clock.instant())
            .status(TransactionStatus.SUCCEEDED)
            .build());
  }

  /** A refund of {@code amount} whose answer was lost. */
  private Refund lostRefund(Payment p, String amount) {
    Refund r = h.service.refund(new RefundPayment.Command(p.id(), hkd(amount)));
    h.channel.release(TerminalCommand.Refund.class, new TerminalOutcome.OutcomeUnknown("timeout"));
    h.clock.advance(Duration.ofSeconds(5));
    return h.refund(r.id());
  }

  private void paymentRecordShows(String refundable, Map<String, String> fields) {
    h.channel.reply(
        Query.class,
        new TerminalOutcome.Approved(Harness.paymentRecord(SYSSN, refundable, fields)));
  }

  @Test
  void refundableAmountDroppedByThisRefundInCents_settlesSucceeded() {
    Payment p = paid("10.50");
    Refund r = lostRefund(p, "4.00");
    paymentRecordShows("650", Map.of());

    assertThat(h.reconciler.reconcileDue()).isEqualTo(1);

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.payment(p.id()).refundedAmount()).isEqualTo(hkd("4.00"));
    Query q = h.channel.commands(Query.class).get(0);
    assertThat(q.syssn()).isEqualTo(Syssn.of(SYSSN));
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isEqualTo(1);
  }

  @Test
  void refundableAmountDroppedByThisRefundInDollars_settlesSucceeded() {
    Payment p = paid("10.50");
    Refund r = lostRefund(p, "4.00");
    paymentRecordShows("6.50", Map.of());

    h.reconciler.reconcileDue();

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void refundableAmountUnchanged_staysUnknownNeverDeclined() {
    Payment p = paid("10.50");
    Refund r = lostRefund(p, "4.00");
    paymentRecordShows("1050", Map.of());

    h.reconciler.reconcileDue();

    Refund still = h.refund(r.id());
    assertThat(still.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(still.reconcileAttempts()).isEqualTo(1);
    assertThat(h.payment(p.id()).refundedAmount().isZero()).isTrue();
  }

  @Test
  void ambiguousReading_staysUnknown() {
    // HKD 1000.00 paid, 990.00 refunded: "1000" is both "nothing refunded" in dollars and
    // "10.00 left" in cents
    Payment p = paid("1000.00");
    Refund r = lostRefund(p, "990.00");
    paymentRecordShows("1000", Map.of());

    h.reconciler.reconcileDue();

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void refundedFlagWithoutAnAmount_settlesWhenNothingElseWasRefunded() {
    Payment p = paid("10.50");
    Refund r = lostRefund(p, "10.50");
    paymentRecordShows(null, Map.of("cancel", "3"));

    h.reconciler.reconcileDue();

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.payment(p.id()).refundableAmount().isZero()).isTrue();
  }

  @Test
  void anotherRefundOpenOnThePayment_cannotBeAttributed() {
    Payment p = paid("10.50");
    h.store(
        RefundFixture.of(p)
            .amount(hkd("1.00"))
            .status(TransactionStatus.UNKNOWN)
            .reconcile(0, h.clock.instant().plus(Duration.ofHours(1)))
            .build());
    Refund r = lostRefund(p, "4.00");
    paymentRecordShows("650", Map.of());

    h.reconciler.reconcileDue();

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void noAnswerToTheQuery_staysUnknown() {
    Payment p = paid("10.50");
    Refund r = lostRefund(p, "4.00");
    h.channel.reply(Query.class, new TerminalOutcome.OutcomeUnknown("timeout"));

    h.reconciler.reconcileDue();

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void inProgressRefundAfterARestart_becomesUnknownAndIsQueried() {
    Payment p = paid("10.50");
    Refund orphan =
        h.store(
            RefundFixture.of(p).amount(hkd("4.00")).status(TransactionStatus.IN_PROGRESS).build());
    paymentRecordShows("650", Map.of());

    h.reconciler.reconcileDue();

    assertThat(h.refund(orphan.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.events.about(orphan.id().value()))
        .extracting(e -> ((TransactionEvent) e).reason())
        .contains(Reconciler.HUB_RESTARTED);
  }

  @Test
  void refundStillInFlight_isLeftAlone() {
    Payment p = paid("10.50");
    Refund r = h.service.refund(new RefundPayment.Command(p.id(), hkd("4.00")));
    h.advanceRenewing(Duration.ofSeconds(30));

    h.reconciler.reconcileDue();

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(h.channel.count(Query.class)).isZero();
  }

  @Test
  void readings_coverDollarsAndCents() {
    assertThat(RefundReconciler.readings("650", hkd("1.00")))
        .containsExactlyInAnyOrder(hkd("6.50"), hkd("650.00"));
    assertThat(RefundReconciler.readings("6.50", hkd("1.00"))).containsExactly(hkd("6.50"));
    assertThat(RefundReconciler.readings("6.505", hkd("1.00"))).isEmpty();
    assertThat(RefundReconciler.readings("n/a", hkd("1.00"))).isEmpty();
  }
}

package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.testing.TestMoney.hkd;
import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalCommand.Query;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.RefundFixture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** QFPay's cloud as reconciliation's third source and as the confirmation of plain answers. */
class CloudReconciliationTest {
  private final Harness h = new Harness();

  /** A payment whose answer was lost, its first query due now; the terminal is unreachable. */
  private Payment lostAndTerminalGone() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("read timed out"));
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.replyAlways(
        Query.class, new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "refused"));
    return h.payment(p.id());
  }

  private static List<ReconcileSources.Said> sources(Settleable t) {
    return ReconcileSources.parse(t.lifecycle().reconcileSources().orElse(null));
  }

  @Test
  void terminalGone_cloudSettledWithOurAmount_settlesSucceededConfirmedByCloud() {
    Payment p = lostAndTerminalGone();
    String syssn = h.cloud.paid(hkd("10.50"), p.outTradeNo().value());

    assertThat(h.withCloud.reconcileDue()).isEqualTo(1);

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.confirmedBy()).contains(ConfirmedBy.CLOUD);
    assertThat(done.confirmationPending()).isFalse();
    assertThat(done.syssn()).contains(Syssn.of(syssn));
    assertThat(sources(done))
        .extracting(ReconcileSources.Said::source)
        .containsExactly("terminal", "cloud");
    assertThat(sources(done).get(0).answer()).startsWith("not reached (CONNECT_FAILED)");
    assertThat(sources(done).get(1).answer()).contains("settled (0000)", syssn);
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
  }

  @Test
  void withoutACloudAccount_theTerminalAloneIsAsked() {
    Payment p = lostAndTerminalGone();
    h.cloud.paid(hkd("10.50"), p.outTradeNo().value());

    assertThat(h.reconciler.reconcileDue()).isZero();

    Payment still = h.payment(p.id());
    assertThat(still.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(sources(still))
        .extracting(ReconcileSources.Said::source)
        .containsExactly("terminal");
    assertThat(h.cloud.queries()).isZero();
  }

  @Test
  void terminalAnswers_theCloudIsNotAsked() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("read timed out"));
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.reply(
        Query.class,
        new TerminalOutcome.Approved(
            Harness.approvedReport("20260302000000000099", p.outTradeNo().value(), "0000")));

    assertThat(h.withCloud.reconcileDue()).isEqualTo(1);

    assertThat(h.payment(p.id()).confirmedBy())
        .isNotEqualTo(java.util.Optional.of(ConfirmedBy.CLOUD));
    assertThat(h.cloud.queries()).isZero();
  }

  @Test
  void cloudPending_keepsItUnknownAndCountsTheAttempt() {
    Payment p = lostAndTerminalGone();
    h.cloud.plant(
        new CloudRecord(
            "20260302000000000001",
            p.outTradeNo().value(),
            CloudRecord.Kind.PAYMENT,
            hkd("10.50"),
            "1143",
            null,
            null));

    assertThat(h.withCloud.reconcileDue()).isZero();

    Payment still = h.payment(p.id());
    assertThat(still.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(still.reconcileAttempts()).isEqualTo(1);
    assertThat(still.reviewNote()).isEmpty();
    assertThat(sources(still).get(1).answer()).isEqualTo("pending (1143)");
  }

  @Test
  void cloudDefiniteFailure_settlesDeclinedWithQfpaysCode() {
    Payment p = lostAndTerminalGone();
    h.cloud.plant(
        new CloudRecord(
            "20260302000000000002",
            p.outTradeNo().value(),
            CloudRecord.Kind.PAYMENT,
            hkd("10.50"),
            "1205",
            null,
            "card declined"));

    assertThat(h.withCloud.reconcileDue()).isEqualTo(1);

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(done.failureReason()).contains(DeclineReason.DECLINED_BY_TERMINAL);
    assertThat(done.failureCode()).contains("1205");
    assertThat(done.failureMessage().orElseThrow()).contains("QFPay's cloud");
  }

  @Test
  void cloudAmountDiffers_neverSettles_flagsForReview() {
    Payment p = lostAndTerminalGone();
    h.cloud.paid(hkd("99.00"), p.outTradeNo().value());

    assertThat(h.withCloud.reconcileDue()).isZero();

    Payment still = h.payment(p.id());
    assertThat(still.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(still.reviewNote().orElseThrow()).contains("99.00", "10.50");
    assertThat(h.eventTypes(p.id().value())).contains("payment.review_required");
    assertThat(sources(still).get(1).answer()).startsWith("amount differs");
  }

  @Test
  void cloudHasNoSuchTransactionOrIsUnreachable_saysNothing() {
    Payment p = lostAndTerminalGone();
    h.cloud.answerNext(new CloudOutcome.NotSent("connection refused"));

    assertThat(h.withCloud.reconcileDue()).isZero();
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);

    h.clock.advance(Duration.ofMinutes(1));
    assertThat(h.withCloud.reconcileDue()).isZero();
    Payment still = h.payment(p.id());
    assertThat(still.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(still.reviewNote()).isEmpty();
    assertThat(sources(still).get(1).answer()).contains("1136");
    assertThat(h.cloud.queries()).isEqualTo(2);
  }

  private Payment paidWithSyssn() {
    return h.store(
        PaymentFixture.builder()
            .channel(Channel.WX)
            .amount(hkd("10.50"))
            .syssn("20260302000000000077")
            .createdAt(h.clock.instant())
            .status(TransactionStatus.SUCCEEDED)
            .build());
  }

  /** An UNKNOWN refund of 4.00 (with {@code syssn} unless null), due now; the terminal is gone. */
  private Refund unknownRefundTerminalGone(Payment p, String syssn) {
    RefundFixture r =
        RefundFixture.of(p)
            .amount(hkd("4.00"))
            .status(TransactionStatus.UNKNOWN)
            .reconcile(0, h.clock.instant());
    if (syssn != null) {
      r.syssn(syssn);
    }
    h.channel.replyAlways(
        Query.class, new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "refused"));
    return h.store(r.build());
  }

  @Test
  void refundWithItsSyssn_terminalGone_settledByTheCloud() {
    Payment p = paidWithSyssn();
    Refund r = unknownRefundTerminalGone(p, "20260302000000000078");
    h.cloud.plant(
        new CloudRecord(
            "20260302000000000078",
            null,
            CloudRecord.Kind.REFUND,
            hkd("4.00"),
            "0000",
            "20260302000000000077",
            null));

    assertThat(h.withCloud.reconcileDue()).isEqualTo(1);

    Refund done = h.refund(r.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.confirmedBy()).contains(ConfirmedBy.CLOUD);
    assertThat(h.payment(p.id()).refundedAmount()).isEqualTo(hkd("4.00"));
    assertThat(sources(done))
        .extracting(ReconcileSources.Said::source)
        .containsExactly("terminal", "cloud");
  }

  @Test
  void refundWithoutASyssn_theCloudIsNotAskedAndTheViewSaysWhy() {
    Refund r = unknownRefundTerminalGone(paidWithSyssn(), null);

    assertThat(h.withCloud.reconcileDue()).isZero();

    Refund still = h.refund(r.id());
    assertThat(still.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(sources(still).get(1).answer()).startsWith("not asked");
    assertThat(h.cloud.queries()).isZero();
  }

  /** A payment settled on a plain-TCP answer, waiting for confirmation. */
  private Payment plainSettled(String amount) {
    return h.store(
        PaymentFixture.builder()
            .channel(Channel.WX)
            .amount(hkd(amount))
            .syssn("20260302000000000055")
            .createdAt(h.clock.instant())
            .updatedAt(h.clock.instant())
            .status(TransactionStatus.SUCCEEDED)
            .confirmed(ConfirmedBy.TERMINAL_PLAIN, true)
            .build());
  }

  private void cloudRecords(Payment p, String amount, String respcd) {
    h.cloud.plant(
        new CloudRecord(
            "20260302000000000055",
            p.outTradeNo().value(),
            CloudRecord.Kind.PAYMENT,
            hkd(amount),
            respcd,
            null,
            null));
  }

  @Test
  void plainSettlement_confirmedByTheCloud() {
    Payment p = plainSettled("10.50");
    cloudRecords(p, "10.50", "0000");

    assertThat(h.reconciler.reconcileDue())
        .as("no cloud account: nothing to confirm with")
        .isZero();
    assertThat(h.payment(p.id()).confirmationPending()).isTrue();

    assertThat(h.withCloud.reconcileDue()).as("confirmed, not settled").isZero();

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.confirmedBy()).contains(ConfirmedBy.CLOUD);
    assertThat(done.confirmationPending()).isFalse();
    assertThat(done.reviewNote()).isEmpty();

    h.clock.advance(Duration.ofMinutes(1));
    h.withCloud.reconcileDue();
    assertThat(h.cloud.queries()).as("a confirmed payment is not asked about again").isEqualTo(1);
  }

  @Test
  void plainSettlement_contradictedByTheCloudsAmount_flaggedOnceAndNotAskedAgain() {
    Payment p = plainSettled("10.50");
    cloudRecords(p, "1.05", "0000");

    assertThat(h.withCloud.reconcileDue()).isZero();

    Payment flagged = h.payment(p.id());
    assertThat(flagged.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(flagged.confirmationPending()).isTrue();
    assertThat(flagged.confirmedBy()).contains(ConfirmedBy.TERMINAL_PLAIN);
    assertThat(flagged.reviewNote().orElseThrow()).contains("contradicts", "1.05", "10.50");
    assertThat(h.eventTypes(p.id().value())).containsOnlyOnce("payment.review_required");

    h.clock.advance(Duration.ofMinutes(5));
    h.withCloud.reconcileDue();
    assertThat(h.cloud.queries()).isEqualTo(1);
    assertThat(h.eventTypes(p.id().value())).containsOnlyOnce("payment.review_required");
  }

  @Test
  void plainSettlement_cloudReportsFailure_flagged() {
    Payment p = plainSettled("10.50");
    cloudRecords(p, "10.50", "1205");

    h.withCloud.reconcileDue();

    assertThat(h.payment(p.id()).reviewNote().orElseThrow()).contains("1205");
  }

  @Test
  void plainSettlement_noAnswerYet_askedAgainThirtySecondsLater() {
    Payment p = plainSettled("10.50");
    h.cloud.answerNext(new CloudOutcome.OutcomeUnknown("read timed out"));

    h.withCloud.reconcileDue();
    assertThat(h.payment(p.id()).confirmationPending()).isTrue();
    h.clock.advance(Duration.ofSeconds(10));
    h.withCloud.reconcileDue();
    assertThat(h.cloud.queries()).isEqualTo(1);

    cloudRecords(p, "10.50", "0000");
    h.clock.advance(Duration.ofSeconds(20));
    h.withCloud.reconcileDue();
    assertThat(h.payment(p.id()).confirmedBy()).contains(ConfirmedBy.CLOUD);
  }

  @Test
  void plainSettlement_unknownToTheCloud_flaggedOnlyAfterTheGrace() {
    Payment p = plainSettled("10.50");

    h.withCloud.reconcileDue();
    assertThat(h.payment(p.id()).reviewNote()).isEmpty();

    h.clock.advance(Duration.ofMinutes(3));
    h.withCloud.reconcileDue();
    assertThat(h.payment(p.id()).reviewNote().orElseThrow()).contains("no such transaction");
  }
}

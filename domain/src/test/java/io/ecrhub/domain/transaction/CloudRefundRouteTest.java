package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.testing.TestMoney.hkd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.testing.PaymentFixture;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The refund route (ADR 0021), decided in the domain with its fakes: auto ranks the terminal first
 * and takes QFPay's cloud when the terminal cannot do the refund; a cloud refund is sent once with
 * its own out_trade_no, its answer checked against the refund; refusals are the hub's codes; no
 * answer is UNKNOWN and settled by the cloud query.
 */
class CloudRefundRouteTest {
  private final Harness h = new Harness();

  /** A payment QFPay's cloud knows (same syssn), made {@code daysAgo} Hong Kong days ago. */
  private Payment paid(Channel channel, String amount, int daysAgo) {
    String syssn = h.cloud.paid(hkd(amount), "EHpaid" + channel.ordinal() + daysAgo);
    return h.store(
        PaymentFixture.builder()
            .channel(channel)
            .amount(hkd(amount))
            .outTradeNo("EHpaid" + channel.ordinal() + daysAgo)
            .syssn(syssn)
            .createdAt(h.clock.instant().minus(Duration.ofDays(daysAgo)))
            .status(TransactionStatus.SUCCEEDED)
            .build());
  }

  private Refund refund(Payment p, String amount, RefundRoute.Choice route) {
    return h.cloudService.refund(
        new RefundPayment.Command(p.id(), amount == null ? null : hkd(amount), route));
  }

  private void terminalSeen(TerminalStatus status) {
    var t = h.terminal();
    t.observe(status, "test", h.clock.instant());
    h.terminals.save(t);
  }

  @Test
  void auto_terminalCanDoIt_goesThroughTheTerminal_cloudUntouched() {
    Payment p = paid(Channel.ALIPAY, "10.50", 0);

    Refund r = refund(p, "4.00", RefundRoute.Choice.AUTO);

    assertThat(r.route()).contains(RefundRoute.TERMINAL);
    assertThat(r.outTradeNo()).isEmpty();
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isEqualTo(1);
    assertThat(h.cloud.refunds()).isZero();
  }

  @Test
  void auto_cardAfterTheSameDayWindow_goesThroughTheCloud_andSettlesOnItsCheckedAnswer() {
    Payment p = paid(Channel.CARD_PAYMENT, "10.50", 1);

    Refund r = refund(p, null, RefundRoute.Choice.AUTO);

    assertThat(r.route()).contains(RefundRoute.CLOUD);
    assertThat(r.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(r.confirmedBy()).contains(ConfirmedBy.CLOUD);
    assertThat(r.confirmationPending()).isFalse();
    CloudRefund sent = h.cloud.refundRequests().getFirst();
    assertThat(sent.originalSyssn()).isEqualTo(p.syssn().orElseThrow().value());
    assertThat(sent.outTradeNo()).startsWith("EHR").isEqualTo(r.outTradeNo().orElseThrow());
    assertThat(sent.outTradeNo()).isNotEqualTo(p.outTradeNo().value());
    assertThat(sent.amount()).isEqualTo(hkd("10.50"));
    assertThat(r.syssn()).isPresent();
    assertThat(h.payment(p.id()).refundedAmount()).isEqualTo(hkd("10.50"));
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isZero();
  }

  @Test
  void auto_partialSameDayCardRefund_goesThroughTheCloud() {
    Payment p = paid(Channel.CARD_PAYMENT, "10.50", 0);

    Refund r = refund(p, "3.00", RefundRoute.Choice.AUTO);

    assertThat(r.route()).contains(RefundRoute.CLOUD);
    assertThat(r.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.payment(p.id()).refundableAmount()).isEqualTo(hkd("7.50"));
  }

  @Test
  void auto_terminalLastSeenUnreachable_goesThroughTheCloud() {
    Payment p = paid(Channel.WX, "10.50", 0);
    terminalSeen(TerminalStatus.UNREACHABLE);

    Refund r = refund(p, "2.00", RefundRoute.Choice.AUTO);

    assertThat(r.route()).contains(RefundRoute.CLOUD);
    assertThat(r.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isZero();
  }

  @Test
  void auto_terminalNotReached_goesOnThroughTheCloudOnce() {
    Payment p = paid(Channel.WX, "10.50", 0);
    h.channel.reply(
        TerminalCommand.Refund.class,
        new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "connection refused"));

    Refund r = refund(p, "2.00", RefundRoute.Choice.AUTO);

    Refund done = h.refund(r.id());
    assertThat(done.route()).contains(RefundRoute.CLOUD);
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isEqualTo(1);
    assertThat(h.cloud.refunds()).isEqualTo(1);
    assertThat(h.lease()).isEmpty();
    assertThat(h.payment(p.id()).refundedAmount()).isEqualTo(hkd("2.00"));
  }

  @Test
  void auto_terminalOutcomeUnknown_isNeverSentThroughTheCloud() {
    Payment p = paid(Channel.WX, "10.50", 0);
    h.channel.reply(
        TerminalCommand.Refund.class, new TerminalOutcome.OutcomeUnknown("read timed out"));

    Refund r = refund(p, "2.00", RefundRoute.Choice.AUTO);

    Refund after = h.refund(r.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.route()).contains(RefundRoute.TERMINAL);
    assertThat(h.cloud.refunds()).isZero();
  }

  @Test
  void terminalRoute_terminalNotReached_failsAsBefore_withoutTheCloud() {
    Payment p = paid(Channel.WX, "10.50", 0);
    h.channel.reply(
        TerminalCommand.Refund.class,
        new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "connection refused"));

    Refund r = refund(p, "2.00", RefundRoute.Choice.TERMINAL);

    Refund after = h.refund(r.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(after.failureReason()).contains(DeclineReason.UNREACHABLE);
    assertThat(h.cloud.refunds()).isZero();
  }

  @Test
  void terminalRoute_cardAfterTheWindow_isRefusedAsBefore() {
    Payment p = paid(Channel.CARD_PAYMENT, "10.50", 1);

    assertThatThrownBy(() -> refund(p, null, RefundRoute.Choice.TERMINAL))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CARD_REFUND_NOT_SAME_DAY"));
    assertThat(h.cloud.refunds()).isZero();
  }

  @Test
  void cloudRoute_withoutAnAccount_isRefused() {
    Payment p = paid(Channel.WX, "10.50", 0);

    assertThatThrownBy(
            () ->
                h.service.refund(
                    new RefundPayment.Command(p.id(), hkd("1.00"), RefundRoute.Choice.CLOUD)))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CLOUD_NOT_CONFIGURED"));
    assertThat(h.refunds.findByPayment(p.id())).isEmpty();
  }

  @Test
  void auto_withoutAnAccount_keepsTheTerminalRules() {
    Payment p = paid(Channel.CARD_PAYMENT, "10.50", 1);

    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(p.id(), null)))
        .isInstanceOfSatisfying(
            DomainException.class, e -> assertThat(e.code()).isEqualTo("CARD_REFUND_NOT_SAME_DAY"));
  }

  @Test
  void cloudRoute_stillObeysTheRulesOfEveryRoute() {
    Payment p = paid(Channel.WX, "10.50", 0);

    assertThatThrownBy(() -> refund(p, "11.00", RefundRoute.Choice.CLOUD))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.code()).isEqualTo("REFUND_EXCEEDS_REFUNDABLE"));
    assertThat(h.cloud.refunds()).isZero();
  }

  @ParameterizedTest
  @CsvSource({
    "REFUND_WINDOW_CLOSED, REFUND_WINDOW_CLOSED, 1265",
    "INSUFFICIENT_BALANCE, REFUND_INSUFFICIENT_BALANCE, 1269",
    "PARTIAL_REFUND_NOT_ALLOWED, PARTIAL_REFUND_NOT_ALLOWED, 1270",
    "PARTIAL_REFUND_NOT_SUPPORTED, PARTIAL_REFUND_NOT_ALLOWED, 1271",
    "EXCEEDS_REFUNDABLE, REFUND_EXCEEDS_REFUNDABLE, 1272",
    "NO_SUCH_TRANSACTION, NOT_IN_CLOUD, 1136"
  })
  void cloudRefusal_isTheHubsCode_andTheRefundIsDeclinedWithQfpaysCode(
      RefusalReason reason, String code, String respcd) {
    Payment p = paid(Channel.WX, "10.50", 0);
    Instant reopens =
        reason == RefusalReason.REFUND_WINDOW_CLOSED
            ? RefusalReason.windowReopensAfter(h.clock.instant())
            : null;
    h.cloud.answerNext(new CloudOutcome.Refused(reason, "refused", reopens));

    assertThatThrownBy(() -> refund(p, "2.00", RefundRoute.Choice.CLOUD))
        .isInstanceOfSatisfying(
            CloudRefundRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo(code);
              assertThat(e.getMessage()).contains("QFPay code " + respcd);
              assertThat(e.reopensAt()).isEqualTo(java.util.Optional.ofNullable(reopens));
              Refund r = h.refund(new RefundId(e.refundId()));
              assertThat(r.status()).isEqualTo(TransactionStatus.DECLINED);
              assertThat(r.failureReason()).contains(DeclineReason.REFUSED_BY_CLOUD);
              assertThat(r.failureCode()).contains(respcd);
            });
    assertThat(h.payment(p.id()).refundedAmount()).isEqualTo(Money.zero(hkd("1").currency()));
  }

  @Test
  void cloudTimeout_isUnknown_notSentAgain_andSettledByTheCloudQuery() {
    Payment p = paid(Channel.WX, "10.50", 0);
    h.cloud.answerNext(new CloudOutcome.OutcomeUnknown("no answer within 15s"));

    Refund r = refund(p, "2.00", RefundRoute.Choice.CLOUD);

    assertThat(r.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(r.route()).contains(RefundRoute.CLOUD);
    String outTradeNo = r.outTradeNo().orElseThrow();
    // the refund did reach QFPay: its record is there under our out_trade_no
    h.cloud.plant(
        new CloudRecord(
            "20260302999999990001",
            outTradeNo,
            CloudRecord.Kind.REFUND,
            hkd("2.00"),
            "1145",
            p.syssn().orElseThrow().value(),
            null));
    h.clock.advance(Duration.ofMinutes(1));
    h.withCloud.reconcileDue();
    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);

    h.cloud.plant(
        new CloudRecord(
            "20260302999999990001",
            outTradeNo,
            CloudRecord.Kind.REFUND,
            hkd("2.00"),
            "0000",
            p.syssn().orElseThrow().value(),
            null));
    h.clock.advance(Duration.ofMinutes(5));
    h.withCloud.reconcileDue();

    Refund done = h.refund(r.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.confirmedBy()).contains(ConfirmedBy.CLOUD);
    assertThat(done.syssn()).contains(Syssn.of("20260302999999990001"));
    assertThat(h.payment(p.id()).refundedAmount()).isEqualTo(hkd("2.00"));
    assertThat(h.cloud.refunds()).isEqualTo(1);
    assertThat(h.channel.count(TerminalCommand.Query.class)).isZero();
  }

  @Test
  void cloudAnswerForAnotherPayment_settlesNothing_andIsReviewed() {
    Payment p = paid(Channel.WX, "10.50", 0);
    h.cloud.answerNext(
        new CloudOutcome.Settled(
            new CloudRecord(
                "20260302999999990002",
                null,
                CloudRecord.Kind.REFUND,
                hkd("2.00"),
                "0000",
                "20260302000000000999",
                null)));

    Refund r = refund(p, "2.00", RefundRoute.Choice.CLOUD);

    assertThat(r.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(r.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("refunds payment"));
    assertThat(h.payment(p.id()).refundedAmount().isZero()).isTrue();
  }

  @Test
  void cloudAnswerUnderAnotherOutTradeNo_settlesNothing() {
    Payment p = paid(Channel.WX, "10.50", 0);
    h.cloud.answerNext(
        new CloudOutcome.Settled(
            new CloudRecord(
                "20260302999999990003",
                "EHRsomeoneelse",
                CloudRecord.Kind.REFUND,
                hkd("2.00"),
                "0000",
                p.syssn().orElseThrow().value(),
                null)));

    Refund r = refund(p, "2.00", RefundRoute.Choice.CLOUD);

    assertThat(r.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(r.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("out_trade_no"));
  }

  @Test
  void cloudNotReached_isFailed_andTheCallerIsTold() {
    Payment p = paid(Channel.WX, "10.50", 0);
    h.cloud.answerNext(new CloudOutcome.NotSent("connection refused"));

    assertThatThrownBy(() -> refund(p, "2.00", RefundRoute.Choice.CLOUD))
        .isInstanceOfSatisfying(
            CloudRefundRefusedException.class,
            e -> {
              assertThat(e.code()).isEqualTo("CLOUD_UNREACHABLE");
              assertThat(h.refund(new RefundId(e.refundId())).status())
                  .isEqualTo(TransactionStatus.FAILED);
            });
  }

  @Test
  void aRefundRecordedMeanwhile_makesTheLaterOneDecideAgain_onWhatIsLeft() {
    InterferingPayments payments = new InterferingPayments();
    Harness hi = new Harness(payments);
    String syssn = hi.cloud.paid(hkd("10.50"), "EHrace");
    Payment p =
        hi.store(
            PaymentFixture.builder()
                .channel(Channel.WX)
                .amount(hkd("10.50"))
                .outTradeNo("EHrace")
                .syssn(syssn)
                .createdAt(hi.clock.instant())
                .status(TransactionStatus.SUCCEEDED)
                .build());
    payments.beforeNextSave(
        () -> {
          // another instance records a refund of 8.00 of the same payment at the same time
          hi.store(hi.payment(p.id()));
          Refund other =
              Refund.create(
                  new Refund.Facts(new RefundId("ref_other"), p.id(), p.terminalId(), hkd("8.00")),
                  RefundRoute.CLOUD,
                  "EHRother",
                  null,
                  hi.clock.instant());
          other.markInProgress(hi.clock.instant());
          hi.store(other);
        });

    assertThatThrownBy(
            () ->
                hi.cloudService.refund(
                    new RefundPayment.Command(p.id(), hkd("4.00"), RefundRoute.Choice.CLOUD)))
        .isInstanceOfSatisfying(
            DomainException.class,
            e -> assertThat(e.code()).isEqualTo("REFUND_EXCEEDS_REFUNDABLE"));
    assertThat(hi.cloud.refunds()).isZero();
    assertThat(hi.refunds.findByPayment(p.id()))
        .extracting(Refund::amount)
        .containsExactly(hkd("8.00"));
  }

  @Test
  void cloudRefundInFlight_isLeftAloneByReconciliationUntilItsExchangeIsOver() {
    Payment p = paid(Channel.WX, "10.50", 0);
    Refund inFlight =
        h.store(
            Refund.create(
                new Refund.Facts(new RefundId("ref_inflight"), p.id(), p.terminalId(), hkd("1.00")),
                RefundRoute.CLOUD,
                "EHRinflight",
                null,
                h.clock.instant()));
    Refund sent = h.refund(inFlight.id());
    sent.markInProgress(h.clock.instant());
    h.store(sent);

    h.clock.advance(Duration.ofSeconds(30));
    h.withCloud.reconcileDue();
    assertThat(h.refund(inFlight.id()).status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(h.cloud.queries()).isZero();

    h.clock.advance(h.settings.exchangeBound());
    h.withCloud.reconcileDue();
    assertThat(h.refund(inFlight.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(h.cloud.queries()).isEqualTo(1);
  }
}

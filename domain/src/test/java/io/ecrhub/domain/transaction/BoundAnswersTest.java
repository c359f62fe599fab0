package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalCommand.Query;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.PaymentFixture;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A terminal answer settles only the transaction it names (ADR 0007): through the use cases, with
 * the terminal on each transport.
 */
class BoundAnswersTest {
  private final Harness h = new Harness();

  private void terminalOn(Transport t) {
    h.terminals.save(h.terminal().toBuilder().transport(t).port(t.defaultPort()).build());
  }

  private static TerminalOutcome approved(String syssn, String outTradeNo, String txamt) {
    return new TerminalOutcome.Approved(
        new TransactionReport(
            syssn, outTradeNo, null, null, "0000", txamt, "HKD", "VISA", null, null, Map.of()));
  }

  private Payment answered(TerminalOutcome answer) {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, answer);
    return h.payment(p.id());
  }

  private void assertFlaggedNotSettled(Payment p, String... noteContains) {
    assertThat(p.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(p.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains(noteContains));
    assertThat(p.nextReconcileAt()).as("reconciliation goes on").isPresent();
    assertThat(h.eventTypes(p.id().value())).contains("payment.unknown", "payment.review_required");
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "TCP"})
  void plainApprovalNamingAnotherOutTradeNo_settlesNothing(Transport t) {
    terminalOn(t);
    assertFlaggedNotSettled(
        answered(approved("20260302000000000001", "EHsomeone-else", "10.50")), "out_trade_no");
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "TCP", "HTTPS"})
  void approvalOfAnotherAmount_settlesNothing(Transport t) {
    terminalOn(t);
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, approved("20260302000000000001", p.outTradeNo().value(), "1.00"));
    assertFlaggedNotSettled(h.payment(p.id()), "txamt");
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "TCP"})
  void plainApprovalWithoutData_settlesNothing(Transport t) {
    terminalOn(t);
    assertFlaggedNotSettled(answered(new TerminalOutcome.Approved(null)), "lacks");
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "TCP"})
  void replayedEarlierApproval_settlesNothing(Transport t) {
    terminalOn(t);
    Payment first = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(
        Pay.class, approved("20260302000000000042", first.outTradeNo().value(), "10.50"));
    assertThat(h.payment(first.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);

    Payment second = h.service.start(pay("10.50", Channel.WX));
    // the earlier approval, replayed with the new out_trade_no patched in
    h.channel.release(
        Pay.class, approved("20260302000000000042", second.outTradeNo().value(), "1050"));
    assertFlaggedNotSettled(h.payment(second.id()), "already recorded on payment " + first.id());
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "TCP"})
  void plainApprovalThatBinds_settlesAndAwaitsConfirmation(Transport t) {
    terminalOn(t);
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, approved("20260302000000000001", p.outTradeNo().value(), "1050"));
    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.confirmedBy()).contains(ConfirmedBy.TERMINAL_PLAIN);
    assertThat(done.confirmationPending()).isTrue();
  }

  @Test
  void tlsApprovalWithoutData_settlesAndAsksForConfirmation() {
    Payment done = answered(new TerminalOutcome.Approved(null));
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.confirmedBy()).contains(ConfirmedBy.TERMINAL_TLS);
    assertThat(done.confirmationPending()).isTrue();
    assertThat(done.reviewNote()).isEmpty();
  }

  @Test
  void completeTlsApproval_needsNoConfirmation() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, approved("20260302000000000001", p.outTradeNo().value(), "10.50"));
    Payment done = h.payment(p.id());
    assertThat(done.confirmedBy()).contains(ConfirmedBy.TERMINAL_TLS);
    assertThat(done.confirmationPending()).isFalse();
  }

  @Test
  void plainRefundAnswerNamingAnotherPayment_settlesNothing() {
    terminalOn(Transport.HTTP);
    Payment paid =
        h.store(
            PaymentFixture.builder()
                .amount(Harness.hkd("10.50"))
                .syssn("20260302000000000077")
                .createdAt(h.clock.instant())
                .status(TransactionStatus.SUCCEEDED)
                .build());
    Refund r = h.service.refund(new RefundPayment.Command(paid.id(), Harness.hkd("4.00")));
    h.channel.release(
        TerminalCommand.Refund.class,
        new TerminalOutcome.Approved(
            new TransactionReport(
                "R1",
                null,
                "20260302000000000001",
                "refund",
                "0000",
                "4.00",
                "HKD",
                null,
                null,
                null,
                Map.of())));
    Refund after = h.refund(r.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("orig_syssn"));
    assertThat(h.eventTypes(r.id().value())).contains("refund.review_required");
    assertThat(h.payment(paid.id()).refundedAmount().isZero()).isTrue();
  }

  /** A payment whose answer was lost: UNKNOWN, first query due 5 s later. */
  private Payment lostAnswer() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("read timed out"));
    return h.payment(p.id());
  }

  @Test
  void plainQueryAnswerOfAnotherAmount_settlesNothing() {
    terminalOn(Transport.TCP);
    Payment p = lostAnswer();
    h.channel.replyAlways(Query.class, approved("20260302000000000001", null, "99.00"));
    h.reconciler.reconcileNow(p.id());
    Payment after = h.payment(p.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("txamt"));
    assertThat(h.eventTypes(p.id().value())).contains("payment.review_required");
  }

  @Test
  void queryAnswerThatBinds_settlesConfirmedByQuery() {
    terminalOn(Transport.HTTP);
    Payment p = lostAnswer();
    h.channel.replyAlways(
        Query.class,
        new TerminalOutcome.Approved(
            new TransactionReport(
                "20260302000000000001",
                null,
                null,
                "payment",
                "0000",
                "1050",
                "HKD",
                null,
                null,
                null,
                Map.of())));
    h.reconciler.reconcileNow(p.id());
    Payment after = h.payment(p.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(after.confirmedBy()).contains(ConfirmedBy.QUERY);
    assertThat(after.confirmationPending()).isTrue();
  }

  private Payment notFoundAfterTheWindow() {
    Payment p = lostAnswer();
    h.channel.replyAlways(Query.class, new TerminalOutcome.NotFound("no such order", "6002"));
    h.clock.set(p.sentAt().orElseThrow().plus(h.settings.exchangeBound()).plusSeconds(1));
    h.reconciler.reconcileNow(p.id());
    return h.payment(p.id());
  }

  @Test
  void notFound_onAnAppThatCannotQueryByOutTradeNo_staysUnknownFlagged() {
    h.terminals.save(
        h.terminal().toBuilder()
            .transport(Transport.HTTP)
            .appVersion(AppVersion.parse("4.32.4"))
            .build());
    Payment after = notFoundAfterTheWindow();
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("4.32.4"));
    assertThat(after.nextReconcileAt()).isPresent();
  }

  @Test
  void notFound_onAnAppOfUnknownVersion_staysUnknownFlagged() {
    h.terminals.save(h.terminal().toBuilder().appVersion(null).build());
    Payment after = notFoundAfterTheWindow();
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("unknown"));
  }

  @Test
  void notFound_onASupportedAppWithAnEmptyInbox_isDeclined() {
    h.terminals.save(
        h.terminal().toBuilder()
            .transport(Transport.HTTP)
            .appVersion(AppVersion.parse("4.32.5"))
            .build());
    Payment after = notFoundAfterTheWindow();
    assertThat(after.status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(after.failureReason()).contains(DeclineReason.NOT_FOUND_ON_TERMINAL);
  }

  @Test
  void notFound_whileTheInboxHoldsANotificationForIt_isNotDeclined() {
    h.terminals.save(
        h.terminal().toBuilder()
            .transport(Transport.HTTP)
            .appVersion(AppVersion.parse("4.32.5"))
            .build());
    Payment p = lostAnswer();
    h.inbox.storeVerified(
        new InboxEntry(
            "n-1",
            "{}".getBytes(StandardCharsets.UTF_8),
            Map.of(),
            "127.0.0.1",
            h.clock.instant(),
            InboxStatus.PARKED,
            "payment:S9",
            null,
            "key-1",
            p.outTradeNo().value(),
            "S9"));
    h.channel.replyAlways(Query.class, new TerminalOutcome.NotFound("no such order", "6002"));
    h.clock.advance(h.settings.exchangeBound().plus(Duration.ofSeconds(1)));
    h.reconciler.reconcileNow(p.id());
    Payment after = h.payment(p.id());
    assertThat(after.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(after.reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains("signed QFPay notification"));
  }
}

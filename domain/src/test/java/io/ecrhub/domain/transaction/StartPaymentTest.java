package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalModel;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.ScriptedTerminalChannel;
import io.ecrhub.domain.testing.TerminalFixture;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class StartPaymentTest {
  private final Harness h = new Harness();

  @Test
  void start_commitsInProgressBeforeSendingAndReturnsWithoutWaiting() {
    Payment returned = h.service.start(pay("10.50", Channel.ALIPAY, "ORDER_1", null));

    assertThat(returned.status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(returned.version()).isEqualTo(1);
    assertThat(returned.sentAt()).contains(h.clock.instant());
    Payment stored = h.payment(returned.id());
    assertThat(stored.status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(stored.outTradeNo().value()).isEqualTo("EH1-ORDER_1");
    assertThat(stored.reference()).contains("ORDER_1");

    ScriptedTerminalChannel.Sent sent = h.channel.last(Pay.class);
    assertThat(sent.isPending()).as("the terminal has not answered yet").isTrue();
    assertThat(sent.insideTransaction()).as("no transaction spans terminal I/O").isFalse();
    Pay command = (Pay) sent.command();
    assertThat(command.amount()).isEqualTo(Harness.hkd("10.50"));
    assertThat(command.channel()).isEqualTo(Channel.ALIPAY);
    assertThat(command.outTradeNo()).isEqualTo(stored.outTradeNo());
    assertThat(command.paymentTimeout()).isEqualTo(Duration.ofSeconds(120));
    TerminalEndpoint endpoint = sent.endpoint();
    assertThat(endpoint.terminalId()).isEqualTo(TerminalFixture.DEFAULT_ID);
    assertThat(endpoint.host()).isEqualTo("127.0.0.1");
    assertThat(endpoint.posKey()).isEqualTo(TerminalFixture.testPosKey());
    assertThat(endpoint.connectTimeout()).isEqualTo(h.settings.connectTimeout());
    assertThat(endpoint.readTimeout()).isEqualTo(Duration.ofSeconds(150));
  }

  @Test
  void start_holdsTheTerminalLeaseWhileInFlight() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    assertThat(h.lease())
        .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("hub-a:" + p.id()));
    assertThat(h.lease().orElseThrow().expiresAt())
        .isEqualTo(h.clock.instant().plus(h.settings.leaseTtl()));
  }

  @Test
  void start_publishesCreationEventsInsideItsUnitOfWork() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    assertThat(h.eventTypes(p.id().value()))
        .containsExactly("payment.pending", "payment.in_progress");
    assertThat(h.publishedInsideTransaction).containsOnly(true);
  }

  @Test
  void approved_succeedsWithSyssnAndCardAndFreesTheTerminal() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));

    h.channel.release(
        Pay.class,
        new TerminalOutcome.Approved(
            Harness.approvedReport("20260302000001", p.outTradeNo().value(), null)));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.syssn()).contains(Syssn.of("20260302000001"));
    assertThat(done.cardScheme()).contains("VISA");
    assertThat(done.maskedCardNumber()).contains("520000******1096");
    assertThat(h.lease()).isEmpty();
    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.ONLINE);
    assertThat(h.eventTypes(p.id().value())).endsWith("payment.succeeded");
    assertThat(h.publishedInsideTransaction).containsOnly(true);
  }

  @Test
  void declined_endsDeclinedWithTheRawCode() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(
        Pay.class,
        new TerminalOutcome.Declined(
            DeclineReason.DECLINED_BY_TERMINAL, "insufficient funds", "6002"));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(done.failureReason()).contains(DeclineReason.DECLINED_BY_TERMINAL);
    assertThat(done.failureCode()).contains("6002");
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void notSent_endsFailedWithTheReasonAndMarksTheTerminalUnreachable() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(
        Pay.class, new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "connection refused"));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(done.failureReason()).contains(DeclineReason.UNREACHABLE);
    assertThat(done.failureCode()).contains("CONNECT_FAILED");
    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.UNREACHABLE);
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void changedCertificate_failsAsACertificateProblem() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(
        Pay.class, new TerminalOutcome.NotSent(NotSentCause.CERTIFICATE_CHANGED, "leaf changed"));

    assertThat(h.payment(p.id()).failureReason()).contains(DeclineReason.CERTIFICATE_PROBLEM);
    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.CERTIFICATE_CHANGED);
  }

  @Test
  void tlsHandshakeFailure_marksAnHttpsMismatch() {
    h.service.start(pay("10.50", Channel.WX));

    h.channel.release(
        Pay.class, new TerminalOutcome.NotSent(NotSentCause.TLS_HANDSHAKE_FAILED, "plain http"));

    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.HTTPS_MISMATCH);
  }

  @Test
  void outcomeUnknown_endsUnknownAndSchedulesReconciliationNeverFailed() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("read timed out"));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(done.nextReconcileAt()).contains(h.clock.instant().plusSeconds(5));
    assertThat(h.lease()).isEmpty();
    assertThat(h.terminal().status()).as("no answer says nothing").isEqualTo(TerminalStatus.NEW);
  }

  @Test
  void keyMismatch_failsAndFlagsTheTerminal() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(Pay.class, new TerminalOutcome.KeyMismatch("4003", "request denied"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(h.payment(p.id()).failureReason()).contains(DeclineReason.KEY_MISMATCH);
    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.KEY_MISMATCH);
  }

  @Test
  void loggedOut_failsAndFlagsTheTerminal() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(Pay.class, new TerminalOutcome.LoggedOut("not logged in"));

    assertThat(h.payment(p.id()).failureReason()).contains(DeclineReason.LOGGED_OUT);
    assertThat(h.terminal().status()).isEqualTo(TerminalStatus.LOGGED_OUT);
  }

  @Test
  void busy_failsAsTerminalBusy() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(Pay.class, new TerminalOutcome.Busy("another request in flight"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(h.payment(p.id()).failureReason()).contains(DeclineReason.TERMINAL_BUSY);
  }

  @Test
  void badParameters_failAsAProtocolError_butOtherErrorsAreUnknown() {
    Payment bad = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.ProtocolError("4006", "bad parameter"));
    Payment other = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.ProtocolError("4005", "other error"));

    assertThat(h.payment(bad.id()).status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(h.payment(bad.id()).failureReason()).contains(DeclineReason.PROTOCOL_ERROR);
    assertThat(h.payment(other.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void notFoundAnswerToATrade_isUnknown() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.release(Pay.class, new TerminalOutcome.NotFound("no such", "6002"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void channelCompletingExceptionally_isUnknownAndFreesTheTerminal() {
    Payment p = h.service.start(pay("10.50", Channel.WX));

    h.channel.last(Pay.class).fail(new IllegalStateException("bug in the adapter"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void channelThrowingWhileSending_isUnknownNotFailed() {
    Harness broken = new Harness();
    broken.channel.failWith(Pay.class, new RuntimeException("boom"));

    Payment p = broken.service.start(pay("10.50", Channel.WX));

    assertThat(broken.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(broken.lease()).isEmpty();
  }

  @Test
  void sameIdempotencyKeyAndBody_returnsTheSamePaymentAndSendsOnce() {
    Payment first = h.service.start(pay("10.50", Channel.WX, "ORDER_1", "key-1"));

    Payment second = h.service.start(pay("10.50", Channel.WX, "ORDER_1", "key-1"));

    assertThat(second.id()).isEqualTo(first.id());
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
    assertThat(h.paymentCount()).isEqualTo(1);
  }

  @Test
  void sameIdempotencyKeyAfterTheAnswer_returnsTheSettledPayment() {
    Payment first = h.service.start(pay("10.50", Channel.WX, null, "key-1"));
    h.channel.release(
        Pay.class, new TerminalOutcome.Approved(Harness.approvedReport("s1", null, null)));

    Payment again = h.service.start(pay("10.50", Channel.WX, null, "key-1"));

    assertThat(again.id()).isEqualTo(first.id());
    assertThat(again.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
  }

  @Test
  void sameIdempotencyKeyWithAnotherBody_isAConflictAndSendsNothing() {
    h.service.start(pay("10.50", Channel.WX, null, "key-1"));

    assertThatThrownBy(() -> h.service.start(pay("99.00", Channel.WX, null, "key-1")))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("IDEMPOTENCY_CONFLICT");
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
    assertThat(h.paymentCount()).isEqualTo(1);
  }

  @Test
  void terminalBusyWithAnotherPayment_isRefusedAndNothingIsStoredOrSent() {
    h.service.start(pay("10.50", Channel.WX));

    assertThatThrownBy(() -> h.service.start(pay("20.00", Channel.ALIPAY)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_BUSY");
    assertThat(h.paymentCount()).isEqualTo(1);
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
  }

  @Test
  void terminalIsFreeAgainOnceTheAnswerIsRecorded() {
    h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.Cancelled("6001"));

    Payment next = h.service.start(pay("20.00", Channel.WX));

    assertThat(next.status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(h.channel.count(Pay.class)).isEqualTo(2);
  }

  @Test
  void paxA920CardPayment_isRefusedBeforeTheChannelIsCalled() {
    h.terminals.save(
        TerminalFixture.builder(io.ecrhub.domain.terminal.TerminalId.of("pax-1"))
            .model(TerminalModel.PAX_A920)
            .build());

    assertThatThrownBy(
            () ->
                h.service.start(
                    new StartPayment.Command(
                        io.ecrhub.domain.terminal.TerminalId.of("pax-1"),
                        Harness.hkd("10.50"),
                        Channel.CARD_PAYMENT,
                        null,
                        null)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CHANNEL_NOT_SUPPORTED");
    assertThat(h.channel.sent()).isEmpty();
    assertThat(h.paymentCount()).isZero();
    assertThat(h.lease(io.ecrhub.domain.terminal.TerminalId.of("pax-1"))).isEmpty();
  }

  @Test
  void unknownTerminal_isNotFound() {
    var command =
        new StartPayment.Command(
            io.ecrhub.domain.terminal.TerminalId.of("nope"),
            Harness.hkd("1.00"),
            Channel.WX,
            null,
            null);

    assertThatThrownBy(() -> h.service.start(command))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_NOT_FOUND");
    assertThat(h.channel.sent()).isEmpty();
  }

  @Test
  void disabledTerminal_isRefused() {
    var t = h.terminal();
    t.disable(h.clock.instant());
    h.terminals.save(t);

    assertThatThrownBy(() -> h.service.start(pay("1.00", Channel.WX)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_DISABLED");
    assertThat(h.channel.sent()).isEmpty();
  }

  @Test
  void payMe_isSentWithAtMost120Seconds() {
    Harness slow = new Harness();
    // the default settings already send 120 s; a longer configured timeout is capped for PayMe
    var settings =
        new TransactionSettings(
            Duration.ofSeconds(300),
            Duration.ofSeconds(5),
            Duration.ofSeconds(30),
            Duration.ofSeconds(15),
            10);

    assertThat(settings.paymentTimeoutFor(Channel.PAYME)).isEqualTo(Duration.ofSeconds(120));
    assertThat(settings.paymentTimeoutFor(Channel.WX)).isEqualTo(Duration.ofSeconds(300));
    slow.service.start(pay("1.00", Channel.PAYME));
    assertThat(slow.channel.commands(Pay.class).get(0).paymentTimeout())
        .isEqualTo(Duration.ofSeconds(120));
  }

  @Test
  void outTradeNo_staysWithin64CharactersWithALongReference() {
    assertThat(PaymentService.outTradeNo("a".repeat(32), "R".repeat(32)).value())
        .hasSize(64)
        .startsWith("EH" + "a".repeat(32) + "-");
    assertThat(PaymentService.outTradeNo("abc", null).value()).isEqualTo("EHabc");
  }

  @Test
  void answerArrivingAfterANotificationSettledThePayment_changesNothing() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    Payment byNotification = h.payment(p.id());
    byNotification.succeed(
        Syssn.of("from-notification"), "notification", null, false, h.clock.instant());
    h.store(byNotification);

    h.channel.release(
        Pay.class,
        new TerminalOutcome.Approved(Harness.approvedReport("from-terminal", null, null)));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.syssn()).contains(Syssn.of("from-notification"));
    assertThat(done.reviewNote()).isEmpty();
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void contradictingAnswerAfterANotificationSettledThePayment_isFlaggedForReview() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    Payment byNotification = h.payment(p.id());
    byNotification.succeed(
        Syssn.of("from-notification"), "notification", null, false, h.clock.instant());
    h.store(byNotification);

    h.channel.release(
        Pay.class, new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "no", "6002"));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("DECLINED"));
  }

  @Test
  void concurrentChangeWhileApplyingTheAnswer_isReloadedAndReevaluated() {
    InterferingPayments payments = new InterferingPayments();
    Harness racing = new Harness(payments);
    Payment p = racing.service.start(pay("10.50", Channel.WX));
    payments.beforeNextSave(
        () -> {
          Payment other = payments.findById(p.id()).orElseThrow();
          other.succeed(
              Syssn.of("from-notification"), "notification", null, false, racing.clock.instant());
          payments.save(other);
        });

    racing.channel.release(
        Pay.class,
        new TerminalOutcome.Approved(Harness.approvedReport("from-terminal", null, null)));

    Payment done = racing.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.syssn()).contains(Syssn.of("from-notification"));
    assertThat(done.version()).isEqualTo(2);
    assertThat(racing.lease()).isEmpty();
  }

  @Test
  void neverResends_aPaymentWhateverTheAnswer() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("timeout"));
    h.channel.replyAlways(
        TerminalCommand.Query.class, new TerminalOutcome.OutcomeUnknown("timeout"));

    for (int i = 0; i < 5; i++) {
      h.clock.advance(Duration.ofMinutes(40));
      h.reconciler.reconcileDue();
    }
    h.reconciler.reconcileNow(p.id());

    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
    assertThat(h.channel.count(TerminalCommand.Query.class)).isEqualTo(6);
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void fixturePaymentsAreNotSentByStart() {
    h.store(PaymentFixture.inStatus(TransactionStatus.UNKNOWN));

    assertThat(h.channel.sent()).isEmpty();
  }
}

package io.ecrhub.serialchannel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.simulator.Exchange;
import io.ecrhub.simulator.Fault;
import io.ecrhub.simulator.PrintJob;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.ecrhub.simulator.serial.SerialTerminalServer;
import java.time.Duration;
import java.util.concurrent.CompletionStage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The terminal channel's behaviour over USB serial, end to end: {@code NettyTerminalChannel} with a
 * {@code JSerialCommExchange} on one end of a socat pty pair, the simulated terminal (served only
 * over serial: every network listener is off) on the other.
 */
class SerialTerminalChannelContractTest extends SerialChannelFixture {
  private SimulatedTerminal terminal;
  private SerialTerminalServer server;

  @BeforeEach
  void startTheTerminalOnThePosEnd() {
    TerminalSimulator sim =
        track(
            TerminalSimulator.start(
                SimulatorConfig.builder()
                    .serialAckTimeout(ACK_WAIT)
                    .terminal(
                        TerminalConfig.builder("serial-1")
                            .posKey(KEY)
                            .httpsPort(TerminalConfig.DISABLED)
                            .httpPort(TerminalConfig.DISABLED)
                            .tcpPort(TerminalConfig.DISABLED)
                            .serialDevice(pty.pos().toString())
                            .build())
                    .build()));
    terminal = sim.terminal(0);
    server = sim.serial("serial-1").orElseThrow();
  }

  @Test
  void payment_isApproved_withTheSyssnTheTerminalRecorded() throws Exception {
    TerminalOutcome o = send(pay("10.50", Channel.CARD_PAYMENT, "ser-pay-1"));

    TransactionReport report = approved(o);
    SimTransaction recorded = terminal.transactions().getFirst();
    assertThat(report.syssn()).isNotBlank().isEqualTo(recorded.syssn());
    assertThat(report.outTradeNo()).isEqualTo("ser-pay-1");
    assertThat(report.amountText()).isEqualTo("10.50");
    assertThat(report.cardScheme()).isEqualTo("VISA");
    assertThat(recorded.status()).isEqualTo(SimTransaction.Status.APPROVED);
    assertThat(terminal.exchanges())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.transport()).isEqualTo(SerialTerminalServer.TRANSPORT);
              assertThat(e.funcType()).isEqualTo(1001);
              assertThat(e.respcd()).isEqualTo("6000");
            });
    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(server.resultsAcknowledged()).isEqualTo(1));
  }

  @Test
  void declinedPayment_isDeclined() throws Exception {
    terminal.declineNext("insufficient funds");

    TerminalOutcome o = send(pay("7.00", Channel.WX, "ser-decline-1"));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Declined.class,
            d -> {
              assertThat(d.rawCode()).isEqualTo("6002");
              assertThat(d.message()).contains("insufficient funds");
            });
    assertThat(terminal.transactions())
        .singleElement()
        .extracting(SimTransaction::status)
        .isEqualTo(SimTransaction.Status.DECLINED);
  }

  @Test
  void refundOfAnApprovedPayment_isApproved_andReferencesThePayment() throws Exception {
    String paid = approved(send(pay("10.50", Channel.WX, "ser-refund-1"))).syssn();

    TerminalOutcome o = send(new TerminalCommand.Refund(Syssn.of(paid), Money.of("4.00", "HKD")));

    TransactionReport report = approved(o);
    assertThat(report.originalSyssn()).isEqualTo(paid);
    assertThat(report.syssn()).isNotBlank().isNotEqualTo(paid);
    SimTransaction refund = terminal.transaction(report.syssn()).orElseThrow();
    assertThat(refund.kind()).isEqualTo(SimTransaction.Kind.REFUND);
    assertThat(refund.amount()).isEqualTo(Money.of("4.00", "HKD"));
    assertThat(terminal.transaction(paid).orElseThrow().refunded())
        .isEqualTo(Money.of("4.00", "HKD"));
  }

  @Test
  void printReceipt_printsTheReceiptOfThatTransaction() throws Exception {
    String paid = approved(send(pay("3.20", Channel.ALIPAY, "ser-receipt-1"))).syssn();

    TerminalOutcome o = send(new TerminalCommand.PrintReceipt(Syssn.of(paid)));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(terminal.receipts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(PrintJob.Kind.RECEIPT);
              assertThat(p.syssn()).isEqualTo(paid);
            });
  }

  @Test
  void printSummary_printsTheSummary() throws Exception {
    TerminalOutcome o = send(new TerminalCommand.PrintSummary());

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(terminal.receipts())
        .singleElement()
        .extracting(PrintJob::kind)
        .isEqualTo(PrintJob.Kind.SUMMARY);
  }

  @Test
  void queryByOutTradeNo_findsThePayment() throws Exception {
    String paid = approved(send(pay("12.00", Channel.CARD_PAYMENT, "ser-query-1"))).syssn();

    TerminalOutcome o = send(TerminalCommand.Query.byOutTradeNo(OutTradeNo.of("ser-query-1")));

    TransactionReport report = approved(o);
    assertThat(report.syssn()).isEqualTo(paid);
    assertThat(report.outTradeNo()).isEqualTo("ser-query-1");
    assertThat(report.statusCode()).isEqualTo("0000");
    assertThat(report.statusSucceeded()).isTrue();
  }

  @Test
  void wrongPosKey_isKeyMismatch_andNothingIsProcessed() throws Exception {
    TerminalOutcome o =
        outcome(
            channel.send(
                endpoint(OTHER_KEY, BUSINESS_READ), pay("5.00", Channel.WX, "ser-wrong-key-1")));

    assertThat(o).isInstanceOf(TerminalOutcome.KeyMismatch.class);
    assertThat(o.rawCode()).isIn("4003", "5001");
    assertThat(terminal.transactions()).isEmpty();
    assertThat(terminal.exchanges())
        .singleElement()
        .extracting(Exchange::transport)
        .isEqualTo(SerialTerminalServer.TRANSPORT);
  }

  @Test
  void loggedOutApp_isLoggedOut() throws Exception {
    terminal.setFault(Fault.loggedOut());

    TerminalOutcome o = send(pay("5.00", Channel.WX, "ser-logged-out-1"));

    assertThat(o).isInstanceOf(TerminalOutcome.LoggedOut.class);
    assertThat(terminal.transactions()).isEmpty();
  }

  @Test
  void dropAfterApprove_isOutcomeUnknown_neverDeclined_andAQueryFindsTheApprovedPayment()
      throws Exception {
    terminal.setFault(Fault.dropAfterApprove());

    TerminalOutcome o =
        outcome(
            channel.send(
                endpoint(KEY, Duration.ofSeconds(3)), pay("15.00", Channel.WX, "ser-drop-1")));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    SimTransaction moved = terminal.transactions().getFirst();
    assertThat(moved.status()).isEqualTo(SimTransaction.Status.APPROVED);
    // the cable still works: reconciliation by query finds what the dropped answer would have said
    terminal.setFault(Fault.none());
    TransactionReport found =
        approved(send(TerminalCommand.Query.byOutTradeNo(OutTradeNo.of("ser-drop-1"))));
    assertThat(found.syssn()).isEqualTo(moved.syssn());
  }

  @Test
  void secondPaymentWhileOneIsHeld_isBusy_andTheTerminalSeesOnlyOne() throws Exception {
    terminal.setCardWait(Duration.ofMinutes(10));
    CompletionStage<TerminalOutcome> first = sendAsync(pay("20.00", Channel.WX, "ser-held-1"));
    await().atMost(Duration.ofSeconds(30)).until(() -> terminal.inFlight().isPresent());

    TerminalOutcome second = send(pay("21.00", Channel.WX, "ser-held-2"));
    assertThat(second).isInstanceOf(TerminalOutcome.Busy.class);

    assertThat(terminal.presentCard()).isTrue();
    TransactionReport report = approved(outcome(first));
    assertThat(report.outTradeNo()).isEqualTo("ser-held-1");
    assertThat(terminal.transactions())
        .extracting(SimTransaction::outTradeNo)
        .containsExactly("ser-held-1");
  }

  @Test
  void cancelWhileATradeIsHeld_isNotSent_becauseTheLinkCarriesOneRequestAtATime() throws Exception {
    terminal.setCardWait(Duration.ofMinutes(10));
    CompletionStage<TerminalOutcome> trade = sendAsync(pay("30.00", Channel.WX, "ser-cancel-1"));
    await().atMost(Duration.ofSeconds(30)).until(() -> terminal.inFlight().isPresent());

    TerminalOutcome cancel = send(new TerminalCommand.CancelRequest());

    assertThat(cancel).isInstanceOf(TerminalOutcome.NotSent.class);
    assertThat(terminal.inFlight()).isPresent();
    assertThat(terminal.cancelOnTerminal()).isTrue();
    assertThat(outcome(trade)).isInstanceOf(TerminalOutcome.Cancelled.class);
    assertThat(terminal.exchanges()).extracting(Exchange::funcType).containsExactly(1001);
  }

  private static TransactionReport approved(TerminalOutcome o) {
    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    return ((TerminalOutcome.Approved) o).report();
  }
}

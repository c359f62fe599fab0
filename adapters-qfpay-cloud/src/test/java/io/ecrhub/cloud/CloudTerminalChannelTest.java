package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.simulator.PrintJob;
import io.ecrhub.simulator.SimTransaction;
import java.time.Duration;
import java.util.Currency;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A CLOUD terminal as the hub's use cases see it (a {@code TerminalChannel}), over real sockets:
 * pushes to the simulated terminal through the stand-in, the record read back by {@code
 * /ecr/v1/query}, every push sent once.
 */
class CloudTerminalChannelTest extends CloudFixture {
  private static final Money AMOUNT = Money.of("10.50", "HKD");
  private final ExecutorService blocking = Executors.newFixedThreadPool(2);
  private CloudTerminalChannel channel;

  @BeforeEach
  void up() {
    start();
    channel = channel(Optional.of(cloud.ecr()));
  }

  @AfterEach
  void down() {
    blocking.shutdownNow();
  }

  private CloudTerminalChannel channel(Optional<io.ecrhub.domain.cloud.EcrCloud> ecr) {
    return new CloudTerminalChannel(
        ecr, blocking, Duration.ofMillis(100), Currency.getInstance("HKD"), System::nanoTime);
  }

  private static TerminalEndpoint endpoint(String deviceId, Duration budget) {
    return new TerminalEndpoint(
        TerminalId.of("trm_cloud"),
        "",
        0,
        Transport.CLOUD,
        true,
        PosKey.of("a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6"),
        null,
        Duration.ofSeconds(2),
        budget,
        deviceId,
        false);
  }

  private TerminalOutcome send(String deviceId, TerminalCommand c, Duration budget)
      throws Exception {
    return channel
        .send(endpoint(deviceId, budget), c)
        .toCompletableFuture()
        .get(30, TimeUnit.SECONDS);
  }

  private static TerminalCommand.Pay pay(String outTradeNo) {
    return new TerminalCommand.Pay(
        AMOUNT, Channel.WX, OutTradeNo.of(outTradeNo), Duration.ofSeconds(60));
  }

  @Test
  void aPayment_isPushedOnce_andApprovedFromQfpaysRecord() throws Exception {
    TerminalOutcome o = send("sim-1", pay("EHCLOUD1"), Duration.ofSeconds(20));

    SimTransaction taken = terminal.transactions().getFirst();
    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Approved.class,
            a -> {
              assertThat(a.report().syssn()).isEqualTo(taken.syssn());
              assertThat(a.report().outTradeNo()).isEqualTo("EHCLOUD1");
              assertThat(a.report().amountText()).isEqualTo("1050");
              assertThat(a.report().currency()).isEqualTo("HKD");
              assertThat(a.report().statusCode()).isEqualTo("0000");
              assertThat(a.report().tradeType()).isEqualTo("payment");
            });
    assertThat(terminal.transactions()).hasSize(1);
    assertThat(standIn.requests(QfpayEcrCloud.PAYMENT)).hasSize(1);
    assertThat(standIn.requests(QfpayEcrCloud.PAYMENT).getFirst().params())
        .containsEntry("txamt", "1050")
        .containsEntry("termid", "sim-1")
        .containsEntry("out_trade_no", "EHCLOUD1");
    assertAllSignedExactly();
  }

  @Test
  void aPaymentDeclinedOnTheTerminal_isDeclined() throws Exception {
    terminal.declineNext("card declined");
    TerminalOutcome o = send("sim-1", pay("EHCLOUD2"), Duration.ofSeconds(20));
    assertThat(o).isInstanceOf(TerminalOutcome.Declined.class);
    assertThat(o.rawCode()).isNotEqualTo("0000");
    assertThat(standIn.requests(QfpayEcrCloud.PAYMENT)).hasSize(1);
  }

  @Test
  void aPushWhoseAnswerIsLost_isNotPushedAgain_andIsSettledByQuery() throws Exception {
    // the stand-in takes the push and answers after the adapter's 2 s request timeout
    standIn.delayNextAnswer(Duration.ofMillis(3000));
    TerminalOutcome o = send("sim-1", pay("EHCLOUD3"), Duration.ofSeconds(20));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(terminal.transactions()).hasSize(1);
    // the stand-in journals the push once its late answer has gone out
    org.awaitility.Awaitility.await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> !standIn.requests(QfpayEcrCloud.PAYMENT).isEmpty());
    assertThat(standIn.requests(QfpayEcrCloud.PAYMENT)).hasSize(1);
  }

  @Test
  void noFinalRecordWithinTheBudget_isUnknown_neverFailed() throws Exception {
    terminal.setCardWait(Duration.ofMinutes(5));
    TerminalOutcome o = send("sim-1", pay("EHCLOUD4"), Duration.ofSeconds(1));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(((TerminalOutcome.OutcomeUnknown) o).detail()).contains("never pushed again");
    assertThat(standIn.requests(QfpayEcrCloud.PAYMENT)).hasSize(1);
  }

  @Test
  void aRefund_isPushedOnce_andLeftToTheNotificationOrTheQuery() throws Exception {
    send("sim-1", pay("EHCLOUD5"), Duration.ofSeconds(20));
    String syssn = terminal.transactions().getFirst().syssn();

    TerminalOutcome o =
        send(
            "sim-1",
            new TerminalCommand.Refund(Syssn.of(syssn), Money.of("4.00", "HKD")),
            Duration.ofSeconds(5));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(standIn.requests(QfpayEcrCloud.REFUND)).hasSize(1);
    assertThat(standIn.requests(QfpayEcrCloud.REFUND).getFirst().params())
        .containsEntry("syssn", syssn)
        .containsEntry("txamt", "400");
    // the payment's record then shows what is left to refund, as the reconciler reads it
    org.awaitility.Awaitility.await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                send("sim-1", TerminalCommand.Query.bySyssn(Syssn.of(syssn)), Duration.ofSeconds(5))
                        instanceof TerminalOutcome.Approved a
                    && "650".equals(a.report().refundableAmountText()));
  }

  @Test
  void printsAndCancel_arePushed() throws Exception {
    send("sim-1", pay("EHCLOUD6"), Duration.ofSeconds(20));
    String syssn = terminal.transactions().getFirst().syssn();

    assertThat(
            send("sim-1", new TerminalCommand.PrintReceipt(Syssn.of(syssn)), Duration.ofSeconds(5)))
        .isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(send("sim-1", new TerminalCommand.PrintSummary(), Duration.ofSeconds(5)))
        .isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(send("sim-1", new TerminalCommand.CancelRequest(), Duration.ofSeconds(5)))
        .isInstanceOf(TerminalOutcome.Approved.class);

    assertThat(standIn.requests(QfpayEcrCloud.PRINT_RECEIPT).getFirst().params())
        .containsEntry("syssn", syssn)
        .containsEntry("out_trade_no", "EHCLOUD6");
    org.awaitility.Awaitility.await()
        .atMost(10, TimeUnit.SECONDS)
        .until(() -> terminal.receipts().size() >= 2);
    assertThat(terminal.receipts())
        .extracting(PrintJob::kind)
        .contains(PrintJob.Kind.RECEIPT, PrintJob.Kind.SUMMARY);
    assertAllSignedExactly();
  }

  @Test
  void anUnboundDevice_orNoAccount_orNoCloud_isNotSent() throws Exception {
    assertThat(send("not-bound", pay("EHCLOUD7"), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(TerminalOutcome.NotSentCause.CONFIGURATION));
    assertThat(
            channel(Optional.empty())
                .send(endpoint("sim-1", Duration.ofSeconds(5)), pay("EHCLOUD8"))
                .toCompletableFuture()
                .get(5, TimeUnit.SECONDS))
        .isInstanceOf(TerminalOutcome.NotSent.class);
    standIn.close();
    assertThat(send("sim-1", pay("EHCLOUD9"), Duration.ofSeconds(5)))
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(TerminalOutcome.NotSentCause.CONNECT_FAILED));
    assertThat(terminal.transactions()).isEmpty();
  }
}

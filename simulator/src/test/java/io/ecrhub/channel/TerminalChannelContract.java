package io.ecrhub.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TcpFraming;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.InMemoryCertificatePins;
import io.ecrhub.ecr.channel.ChannelSettings;
import io.ecrhub.ecr.channel.NettyTerminalChannel;
import io.ecrhub.ecr.tls.QfpayTrustAnchors;
import io.ecrhub.simulator.Fault;
import io.ecrhub.simulator.PrintJob;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code TerminalChannel} contract, run by {@link NettyTerminalChannel} against the simulator
 * over one transport per subclass: every function, every outcome class, single flight with cancel,
 * and "approved on the terminal, answer lost" as OutcomeUnknown.
 */
abstract class TerminalChannelContract {
  /** Fixed keys: with a fixed request, what a wrong key decrypts to is deterministic. */
  static final String SIM_KEY = "5f4dcc3b5aa765d61d8327deb882cf99";

  static final String OTHER_KEY = "0d107d09f5bbe40cade3de5c71e9e9b7";
  static final TerminalId TERMINAL = TerminalId.of("sim-1");
  static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir Path tmp;
  TerminalSimulator sim;
  SimulatedTerminal terminal;
  InMemoryCertificatePins pins;
  ExecutorService executor;
  NettyTerminalChannel channel;

  abstract Transport transport();

  abstract int port(SimulatedTerminal t);

  /** How requests are framed on raw TCP (ignored by the other transports). */
  TcpFraming framing() {
    return TcpFraming.HALF_CLOSE;
  }

  @BeforeEach
  void start() throws Exception {
    sim =
        TerminalSimulator.start(
            SimulatorConfig.single(TerminalConfig.builder("sim-1").posKey(SIM_KEY).build()));
    terminal = sim.terminal(0);
    pins = new InMemoryCertificatePins();
    executor = Executors.newCachedThreadPool();
    Path ca = sim.writeCaPem(tmp.resolve("sim-ca.pem"));
    channel =
        new NettyTerminalChannel(
            ChannelSettings.defaults(),
            new QfpayTrustAnchors(List.of(ca)),
            pins,
            executor,
            Clock.systemUTC());
    Files.delete(ca);
  }

  @AfterEach
  void stop() {
    channel.close();
    sim.close();
    executor.shutdownNow();
  }

  TerminalEndpoint endpoint() {
    return endpoint(SIM_KEY, Duration.ofSeconds(20));
  }

  TerminalEndpoint endpoint(String key, Duration readTimeout) {
    return new TerminalEndpoint(
        TERMINAL,
        terminal.host(),
        port(terminal),
        transport(),
        true,
        PosKey.of(key),
        framing(),
        Duration.ofSeconds(10),
        readTimeout);
  }

  static TerminalCommand.Pay pay(String amount, String outTradeNo) {
    return new TerminalCommand.Pay(
        Money.of(amount, "HKD"), Channel.CARD_PAYMENT, OutTradeNo.of(outTradeNo), null);
  }

  static TerminalOutcome outcome(CompletionStage<TerminalOutcome> stage) throws Exception {
    return stage.toCompletableFuture().get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  TerminalOutcome send(TerminalCommand command) throws Exception {
    return outcome(channel.send(endpoint(), command));
  }

  String approvedPayment(String amount, String outTradeNo) throws Exception {
    TerminalOutcome o = send(pay(amount, outTradeNo));
    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    return ((TerminalOutcome.Approved) o).report().syssn();
  }

  void awaitPaymentWaiting() {
    await().atMost(WAIT).until(() -> terminal.inFlight().isPresent());
  }

  long requestsOf(int funcType) {
    return terminal.exchanges().stream().filter(e -> e.funcType() == funcType).count();
  }

  // ---- every function ----

  @Test
  void payment_isApproved_andTheTerminalRecordedIt() throws Exception {
    TerminalOutcome o = send(pay("10.50", "order-1"));

    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    var report = ((TerminalOutcome.Approved) o).report();
    assertThat(report.outTradeNo()).isEqualTo("order-1");
    assertThat(report.maskedCardNumber()).matches("\\d{6}\\*{6}\\d{4}");
    SimTransaction t = terminal.transaction(report.syssn()).orElseThrow();
    assertThat(t.status()).isEqualTo(SimTransaction.Status.APPROVED);
    assertThat(t.amount()).isEqualTo(Money.of("10.50", "HKD"));
  }

  @Test
  void refund_ofAnApprovedPayment_isApproved() throws Exception {
    String syssn = approvedPayment("20.00", "order-r");

    TerminalOutcome o = send(new TerminalCommand.Refund(Syssn.of(syssn), null));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.Approved.class,
            a -> assertThat(a.report().originalSyssn()).isEqualTo(syssn));
    assertThat(terminal.transactions())
        .anySatisfy(
            t -> {
              assertThat(t.kind()).isEqualTo(SimTransaction.Kind.REFUND);
              assertThat(t.originalSyssn()).isEqualTo(syssn);
            });
  }

  @Test
  void printReceipt_andPrintSummary_printOnTheTerminal() throws Exception {
    String syssn = approvedPayment("5.00", "order-p");

    assertThat(send(new TerminalCommand.PrintReceipt(Syssn.of(syssn))))
        .isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(send(new TerminalCommand.PrintSummary()))
        .isInstanceOf(TerminalOutcome.Approved.class);

    assertThat(terminal.receipts())
        .extracting(PrintJob::kind)
        .containsExactly(PrintJob.Kind.RECEIPT, PrintJob.Kind.SUMMARY);
  }

  @Test
  void query_findsThePaymentBySyssnAndByOutTradeNo_andReportsUnknownOnesAsNotFound()
      throws Exception {
    String syssn = approvedPayment("7.00", "order-q");

    assertThat(send(TerminalCommand.Query.bySyssn(Syssn.of(syssn))))
        .isInstanceOfSatisfying(
            TerminalOutcome.Approved.class, a -> assertThat(a.report().syssn()).isEqualTo(syssn));
    assertThat(send(TerminalCommand.Query.byOutTradeNo(OutTradeNo.of("order-q"))))
        .isInstanceOfSatisfying(
            TerminalOutcome.Approved.class, a -> assertThat(a.report().syssn()).isEqualTo(syssn));
    assertThat(send(TerminalCommand.Query.byOutTradeNo(OutTradeNo.of("never-sent"))))
        .isInstanceOf(TerminalOutcome.NotFound.class);
  }

  @Test
  void cancelDuringAPayment_reachesTheTerminal_andThePaymentEndsCancelled() throws Exception {
    terminal.setCardWait(Duration.ofSeconds(60));
    CompletionStage<TerminalOutcome> payment = channel.send(endpoint(), pay("9.00", "order-c"));
    awaitPaymentWaiting();

    TerminalOutcome cancel = send(new TerminalCommand.CancelRequest());

    assertThat(cancel).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(outcome(payment)).isInstanceOf(TerminalOutcome.Cancelled.class);
    assertThat(terminal.transactions())
        .singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(SimTransaction.Status.CANCELLED));
  }

  @Test
  void secondPaymentWhileOneWaits_isBusyWithoutReachingTheTerminal() throws Exception {
    terminal.setCardWait(Duration.ofSeconds(60));
    CompletionStage<TerminalOutcome> first = channel.send(endpoint(), pay("1.00", "order-b1"));
    awaitPaymentWaiting();

    TerminalOutcome second = send(pay("2.00", "order-b2"));
    terminal.presentCard();

    assertThat(second).isInstanceOf(TerminalOutcome.Busy.class);
    assertThat(outcome(first)).isInstanceOf(TerminalOutcome.Approved.class);
    assertThat(requestsOf(1001)).isEqualTo(1);
    assertThat(terminal.transactions())
        .extracting(SimTransaction::outTradeNo)
        .containsExactly("order-b1");
  }

  // ---- every outcome class ----

  @Test
  void declinedPayment_isDeclined() throws Exception {
    terminal.declineNext("insufficient funds");

    assertThat(send(pay("3.00", "order-d"))).isInstanceOf(TerminalOutcome.Declined.class);
  }

  @Test
  void paymentCancelledOnTheTerminal_isCancelled() throws Exception {
    terminal.setCardWait(Duration.ofSeconds(60));
    CompletionStage<TerminalOutcome> payment = channel.send(endpoint(), pay("4.00", "order-x"));
    awaitPaymentWaiting();

    terminal.cancelOnTerminal();

    assertThat(outcome(payment)).isInstanceOf(TerminalOutcome.Cancelled.class);
  }

  @Test
  void wrongPosKey_isKeyMismatch_andNothingHappens() throws Exception {
    TerminalOutcome o =
        outcome(channel.send(endpoint(OTHER_KEY, Duration.ofSeconds(20)), pay("5.00", "order-k")));

    assertThat(o).isInstanceOf(TerminalOutcome.KeyMismatch.class);
    assertThat(terminal.transactions()).isEmpty();
  }

  @Test
  void loggedOutApp_isLoggedOut() throws Exception {
    terminal.setFault(Fault.loggedOut());

    assertThat(send(pay("6.00", "order-l"))).isInstanceOf(TerminalOutcome.LoggedOut.class);
  }

  @Test
  void approvedOnTheTerminalButAnswerLost_isOutcomeUnknown_neverFailed() throws Exception {
    terminal.setFault(Fault.dropAfterApprove());

    TerminalOutcome o = send(pay("11.00", "order-lost"));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(terminal.transactions())
        .singleElement()
        .satisfies(t -> assertThat(t.status()).isEqualTo(SimTransaction.Status.APPROVED));
  }

  @Test
  void garbageAnswer_isOutcomeUnknownForAPayment_andProtocolErrorForAQuery() throws Exception {
    terminal.setFault(Fault.garbage());

    assertThat(send(pay("12.00", "order-g"))).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(send(TerminalCommand.Query.byOutTradeNo(OutTradeNo.of("order-g"))))
        .isInstanceOf(TerminalOutcome.ProtocolError.class);
  }

  @Test
  void answerSlowerThanTheReadTimeout_isOutcomeUnknown() throws Exception {
    terminal.setFault(Fault.slow(Duration.ofSeconds(20)));

    TerminalOutcome o =
        outcome(channel.send(endpoint(SIM_KEY, Duration.ofMillis(300)), pay("13.00", "order-s")));

    assertThat(o).isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  @Test
  void encryptedAnswers_areDecryptedWithThePosKey() throws Exception {
    terminal.setEncryptResponses(true);

    assertThat(send(pay("14.00", "order-e"))).isInstanceOf(TerminalOutcome.Approved.class);
  }

  @Test
  void terminalSwitchedOff_isNotSent() throws Exception {
    TerminalEndpoint e = endpoint();
    terminal.close();

    TerminalOutcome o = outcome(channel.send(e, pay("15.00", "order-off")));

    assertThat(o)
        .isInstanceOfSatisfying(
            TerminalOutcome.NotSent.class,
            n -> assertThat(n.cause()).isEqualTo(NotSentCause.CONNECT_FAILED));
  }
}

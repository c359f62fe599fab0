package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.WAIT;
import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CardWaitAndCancelTest {
  private TerminalSimulator sim;
  private SimulatedTerminal terminal;
  private EcrTestClient client;

  @BeforeEach
  void start() {
    // The card never comes by itself within a test: only cancel / presentCard end the wait.
    sim =
        TerminalSimulator.start(
            SimulatorConfig.single(
                TerminalConfig.builder("w").cardWait(Duration.ofMinutes(10)).build()));
    terminal = sim.terminal(0);
    client = new EcrTestClient(terminal);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private CompletableFuture<EcrResponse> startTrade(String outTradeNo) throws Exception {
    CompletableFuture<EcrResponse> trade =
        client.sendAsync(EcrFunction.TRADE, trade("42", "card_payment", outTradeNo));
    await().atMost(WAIT).until(() -> terminal.inFlight().isPresent());
    return trade;
  }

  @Test
  void cancelDuringTheCardWait_answers6000AndTheTradeAnswers6001() throws Exception {
    CompletableFuture<EcrResponse> trade = startTrade("order-c");

    EcrResponse cancel = client.send(EcrFunction.CANCEL_REQUEST, EcrTestClient.cancelRequest());
    EcrResponse tradeAnswer = trade.get(WAIT.toSeconds(), TimeUnit.SECONDS);

    assertThat(cancel.respcd()).isEqualTo("6000");
    assertThat(tradeAnswer.respcd()).isEqualTo("6001");
    assertThat(terminal.transactions())
        .singleElement()
        .extracting(SimTransaction::status)
        .isEqualTo(SimTransaction.Status.CANCELLED);
    assertThat(terminal.inFlight()).isEmpty();
  }

  @Test
  void query_ofAPaymentWaitingForItsCard_reportsStatus1143() throws Exception {
    CompletableFuture<EcrResponse> trade = startTrade("order-w");

    EcrResponse q = client.send(EcrFunction.QUERY, EcrTestClient.queryByOutTradeNo("order-w"));

    assertThat(q.respcd()).isEqualTo("6000");
    assertThat(q.data()).containsEntry("respcd", "1143").containsEntry("out_trade_no", "order-w");
    terminal.presentCard();
    assertThat(trade.get(WAIT.toSeconds(), TimeUnit.SECONDS).respcd()).isEqualTo("6000");
    assertThat(client.send(EcrFunction.QUERY, EcrTestClient.queryByOutTradeNo("order-w")).data())
        .containsEntry("respcd", "0000");
  }

  @Test
  void secondBusinessRequestWhileOneIsInFlight_answersDeviceBusy() throws Exception {
    CompletableFuture<EcrResponse> first = startTrade("order-1");

    EcrResponse second = client.send(EcrFunction.TRADE, trade("1", "wx", "order-2"));
    EcrResponse print = client.send(EcrFunction.PRINT_SUMMARY, Map.of("func_type", 3002));

    assertThat(second.respcd()).isEqualTo("6002");
    assertThat(second.message()).isEqualTo("device busy");
    assertThat(print.message()).isEqualTo("device busy");
    assertThat(terminal.presentCard()).isTrue();
    assertThat(first.get(WAIT.toSeconds(), TimeUnit.SECONDS).respcd()).isEqualTo("6000");
    assertThat(terminal.transactions())
        .extracting(SimTransaction::outTradeNo)
        .containsExactly("order-1");
  }

  @Test
  void cancelOnTheTerminal_answers6001() throws Exception {
    CompletableFuture<EcrResponse> trade = startTrade("order-t");

    assertThat(terminal.cancelOnTerminal()).isTrue();

    assertThat(trade.get(WAIT.toSeconds(), TimeUnit.SECONDS).respcd()).isEqualTo("6001");
  }

  @Test
  void paymentTimeoutShorterThanTheCardWait_endsTheTradeWith6002() throws Exception {
    EcrResponse r =
        client.send(
            EcrFunction.TRADE,
            Map.of(
                "func_type",
                1001,
                "amt",
                new BigDecimal("5"),
                "channel",
                "card_payment",
                "out_trade_no",
                "order-to",
                "payment_timeout",
                1));

    assertThat(r.respcd()).isEqualTo("6002");
    assertThat(r.data()).containsEntry("respcd", "1181");
    assertThat(terminal.transactions())
        .singleElement()
        .extracting(SimTransaction::status)
        .isEqualTo(SimTransaction.Status.TIMED_OUT);
  }

  @Test
  void declineNext_declinesOnePaymentWithTheMessage_thenApprovesAgain() throws Exception {
    terminal.setCardWait(Duration.ZERO);
    terminal.declineNext("insufficient funds");

    EcrResponse declined = client.send(EcrFunction.TRADE, trade("8", "card_payment", "d-1"));
    EcrResponse approved = client.send(EcrFunction.TRADE, trade("8", "card_payment", "d-2"));

    assertThat(declined.respcd()).isEqualTo("6002");
    assertThat(declined.message()).isEqualTo("insufficient funds");
    assertThat(declined.data()).containsEntry("respcd", "1205");
    assertThat(approved.respcd()).isEqualTo("6000");
    assertThat(terminal.transactions())
        .extracting(SimTransaction::status)
        .containsExactly(SimTransaction.Status.DECLINED, SimTransaction.Status.APPROVED);
  }

  @Test
  void declinedPayment_canBeRetriedWithTheSameOutTradeNo() throws Exception {
    terminal.setCardWait(Duration.ZERO);
    terminal.declineNext("declined");
    client.send(EcrFunction.TRADE, trade("8", "wx", "retry-1"));

    EcrResponse retry = client.send(EcrFunction.TRADE, trade("8", "wx", "retry-1"));

    assertThat(retry.respcd()).isEqualTo("6000");
  }

  @Test
  void declineRule_declinesAmountsWithTheConfiguredCents() throws Exception {
    try (TerminalSimulator s =
        TerminalSimulator.start(
            SimulatorConfig.single(TerminalConfig.builder("r").declineCents(13).build()))) {
      EcrTestClient c = new EcrTestClient(s.terminal(0));

      assertThat(c.send(EcrFunction.TRADE, trade("7.13", "wx", "r-1")).respcd()).isEqualTo("6002");
      assertThat(c.send(EcrFunction.TRADE, trade("7.14", "wx", "r-2")).respcd()).isEqualTo("6000");
    }
  }
}

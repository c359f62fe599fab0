package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.refund;
import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class RefundRulesTest {
  /** 10:00 in Hong Kong. */
  private final MutableClock clock = new MutableClock(Instant.parse("2026-03-02T02:00:00Z"));

  private TerminalSimulator sim;
  private SimulatedTerminal terminal;
  private EcrTestClient client;

  @BeforeEach
  void start() {
    sim = TerminalSimulator.start(SimulatorConfig.builder().terminals(1).clock(clock).build());
    terminal = sim.terminal(0);
    client = new EcrTestClient(terminal);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private String pay(String amt, String channel, String ref) throws Exception {
    EcrResponse r = client.send(EcrFunction.TRADE, trade(amt, channel, ref));
    assertThat(r.respcd()).isEqualTo("6000");
    return (String) r.data().get("syssn");
  }

  @Test
  void walletPayment_refundsPartiallyUntilNothingIsLeft() throws Exception {
    String syssn = pay("30", "alipay", "w-1");

    EcrResponse first = client.send(EcrFunction.REFUND, refund(syssn, "10.50"));
    EcrResponse tooMuch = client.send(EcrFunction.REFUND, refund(syssn, "20.00"));
    EcrResponse rest = client.send(EcrFunction.REFUND, refund(syssn, null));
    EcrResponse nothingLeft = client.send(EcrFunction.REFUND, refund(syssn, "0.01"));

    assertThat(first.respcd()).isEqualTo("6000");
    assertThat(first.data())
        .containsEntry("orig_syssn", syssn)
        .containsEntry("txamt", "10.50")
        .containsEntry("originTxamt", "30.00")
        .containsEntry("respcd", "0000");
    assertThat((String) first.data().get("syssn")).isNotEqualTo(syssn).matches("\\d{26}");
    assertThat((String) first.data().get("out_trade_no")).matches("[0-9a-f]{32}");
    assertThat(tooMuch.respcd()).isEqualTo("6002");
    assertThat(tooMuch.message()).contains("exceeds");
    assertThat(rest.respcd()).isEqualTo("6000");
    assertThat(rest.data()).containsEntry("txamt", "19.50");
    assertThat(nothingLeft.respcd()).isEqualTo("6002");
    assertThat(terminal.transaction(syssn).orElseThrow().refundable().isZero()).isTrue();
  }

  @Test
  void query_showsTheRefundableAmountAndTheRefundRecord() throws Exception {
    String syssn = pay("30", "wx", "w-2");
    String refundSyssn =
        (String) client.send(EcrFunction.REFUND, refund(syssn, "5.00")).data().get("syssn");

    EcrResponse payment = client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn(syssn));
    EcrResponse refund = client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn(refundSyssn));

    assertThat(payment.data())
        .containsEntry("allow_refund_amt", "25.00")
        .containsEntry("cancel", "5");
    assertThat(refund.data())
        .containsEntry("tradetp", "refund")
        .containsEntry("origssn", syssn)
        .containsEntry("txamt", "5.00");
  }

  @Test
  void cardPayment_sameDay_refundsOnlyTheFullAmount() throws Exception {
    String syssn = pay("12.30", "card_payment", "c-1");

    EcrResponse partial = client.send(EcrFunction.REFUND, refund(syssn, "1.00"));
    EcrResponse full = client.send(EcrFunction.REFUND, refund(syssn, "12.30"));
    EcrResponse again = client.send(EcrFunction.REFUND, refund(syssn, null));

    assertThat(partial.respcd()).isEqualTo("6002");
    assertThat(partial.message()).contains("full amount");
    assertThat(full.respcd()).isEqualTo("6000");
    assertThat(full.data()).containsEntry("cardscheme", "VISA");
    assertThat(again.respcd()).isEqualTo("6002");
  }

  @Test
  void cardPayment_onALaterDay_isNotRefundable() throws Exception {
    String syssn = pay("12.30", "amex_card", "c-2");
    clock.advance(Duration.ofDays(1));

    EcrResponse r = client.send(EcrFunction.REFUND, refund(syssn, null));

    assertThat(r.respcd()).isEqualTo("6002");
    assertThat(r.message()).contains("day of payment");
  }

  @Test
  void walletPayment_onALaterDay_isStillRefundable() throws Exception {
    String syssn = pay("12.30", "payme", "w-3");
    clock.advance(Duration.ofDays(3));

    assertThat(client.send(EcrFunction.REFUND, refund(syssn, "2.30")).respcd()).isEqualTo("6000");
  }

  @Test
  void octopus_isNotRefundable() throws Exception {
    String syssn = pay("9", "octopus", "o-1");

    EcrResponse r = client.send(EcrFunction.REFUND, refund(syssn, null));

    assertThat(r.respcd()).isEqualTo("6002");
    assertThat(r.message()).contains("Octopus");
  }

  @Test
  void refundOfAnUnknownOrderOrOfARefund_isRefused() throws Exception {
    String syssn = pay("9", "wx", "x-1");
    String refundSyssn =
        (String) client.send(EcrFunction.REFUND, refund(syssn, "1.00")).data().get("syssn");

    assertThat(client.send(EcrFunction.REFUND, refund("nope", null)).respcd()).isEqualTo("6002");
    assertThat(client.send(EcrFunction.REFUND, refund(refundSyssn, null)).respcd())
        .isEqualTo("6002");
  }

  @Test
  void refundWaitingForTheOperator_canBeCancelled() throws Exception {
    String syssn = pay("9", "wx", "x-2");
    terminal.setRefundWait(Duration.ofMinutes(10));

    var pending = client.sendAsync(EcrFunction.REFUND, refund(syssn, null));
    org.awaitility.Awaitility.await()
        .atMost(EcrTestClient.WAIT)
        .until(() -> terminal.inFlight().isPresent());
    EcrResponse cancel = client.send(EcrFunction.CANCEL_REQUEST, EcrTestClient.cancelRequest());

    assertThat(cancel.respcd()).isEqualTo("6000");
    assertThat(pending.get(30, java.util.concurrent.TimeUnit.SECONDS).respcd()).isEqualTo("6001");
    assertThat(terminal.transaction(syssn).orElseThrow().refunded().isZero()).isTrue();
  }
}

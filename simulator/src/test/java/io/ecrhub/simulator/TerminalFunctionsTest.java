package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.queryByOutTradeNo;
import static io.ecrhub.simulator.EcrTestClient.queryBySyssn;
import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import io.ecrhub.ecr.codec.ResponseClassifier;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class TerminalFunctionsTest {
  private TerminalSimulator sim;
  private SimulatedTerminal terminal;
  private EcrTestClient client;

  @BeforeEach
  void start() {
    sim = TerminalSimulator.start(SimulatorConfig.single());
    terminal = sim.terminal(0);
    client = new EcrTestClient(terminal);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void cardPayment_overHttps_isApprovedAndRecordedWithMaskedVisaCard() throws Exception {
    EcrResponse r = client.send(EcrFunction.TRADE, trade("10.5", "card_payment", "order-1"));

    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data())
        .containsEntry("respcd", "0000")
        .containsEntry("out_trade_no", "order-1")
        .containsEntry("txamt", "10.50")
        .containsEntry("txcurrcd", "HKD")
        .containsEntry("cardscheme", "VISA")
        .containsEntry("busicd", "802808");
    assertThat((String) r.data().get("cardno")).matches("\\d{6}\\*{6}\\d{4}");
    assertThat((String) r.data().get("syssn")).matches("\\d{26}");
    assertThat((String) r.data().get("paydtm"))
        .matches("\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d");

    SimTransaction t = terminal.transaction((String) r.data().get("syssn")).orElseThrow();
    assertThat(t.status()).isEqualTo(SimTransaction.Status.APPROVED);
    assertThat(t.kind()).isEqualTo(SimTransaction.Kind.PAYMENT);
    assertThat(t.amount().toPlainString()).isEqualTo("10.50");
    assertThat(t.refundable().toPlainString()).isEqualTo("10.50");
    assertThat(ResponseClassifier.classify(EcrFunction.TRADE, r))
        .isInstanceOf(TerminalOutcome.Approved.class);
  }

  @Test
  void walletPayment_hasNoCardDataAndTheWalletPaytype() throws Exception {
    EcrResponse r = client.send(EcrFunction.TRADE, trade("3", "wx", "order-wx"));

    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data())
        .containsEntry("busicd", "800208")
        .containsEntry("cardscheme", "")
        .containsEntry("txamt", "3.00");
  }

  @Test
  void syssns_areUniqueAcrossPayments() throws Exception {
    String a =
        (String) client.send(EcrFunction.TRADE, trade("1", "alipay", "u-1")).data().get("syssn");
    String b =
        (String) client.send(EcrFunction.TRADE, trade("1", "alipay", "u-2")).data().get("syssn");

    assertThat(a).isNotEqualTo(b);
    assertThat(terminal.transactions()).hasSize(2);
  }

  @Test
  void query_findsAPaymentBySyssnAndByOutTradeNo() throws Exception {
    String syssn =
        (String)
            client.send(EcrFunction.TRADE, trade("20", "alipay", "order-q")).data().get("syssn");

    EcrResponse bySyssn = client.send(EcrFunction.QUERY, queryBySyssn(syssn));
    EcrResponse byRef = client.send(EcrFunction.QUERY, queryByOutTradeNo("order-q"));

    for (EcrResponse r : new EcrResponse[] {bySyssn, byRef}) {
      assertThat(r.respcd()).isEqualTo("6000");
      assertThat(r.data())
          .containsEntry("syssn", syssn)
          .containsEntry("respcd", "0000")
          .containsEntry("tradetp", "payment")
          .containsEntry("txamt", "20.00")
          .containsEntry("allow_refund_amt", "20.00");
    }
  }

  @Test
  void query_ofAnUnknownTransaction_answers6002NotFound() throws Exception {
    EcrResponse r = client.send(EcrFunction.QUERY, queryBySyssn("20990101000000000000000000"));

    assertThat(r.respcd()).isEqualTo("6002");
    assertThat(r.message()).isEqualTo("transaction not found");
    assertThat(ResponseClassifier.classify(EcrFunction.QUERY, r))
        .isInstanceOf(TerminalOutcome.NotFound.class);
  }

  @Test
  void printReceipt_ofAKnownPayment_isRecorded() throws Exception {
    String syssn =
        (String) client.send(EcrFunction.TRADE, trade("5", "payme", "order-p")).data().get("syssn");

    EcrResponse r =
        client.send(EcrFunction.PRINT_RECEIPT, Map.of("func_type", 3001, "orderId", syssn));

    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(terminal.receipts())
        .singleElement()
        .satisfies(
            p -> {
              assertThat(p.kind()).isEqualTo(PrintJob.Kind.RECEIPT);
              assertThat(p.syssn()).isEqualTo(syssn);
            });
  }

  @Test
  void printReceipt_ofAnUnknownOrder_answers6002AndPrintsNothing() throws Exception {
    EcrResponse r =
        client.send(EcrFunction.PRINT_RECEIPT, Map.of("func_type", 3001, "orderId", "nope"));

    assertThat(r.respcd()).isEqualTo("6002");
    assertThat(terminal.receipts()).isEmpty();
  }

  @Test
  void printSummary_isRecorded() throws Exception {
    EcrResponse r = client.send(EcrFunction.PRINT_SUMMARY, Map.of("func_type", 3002));

    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(terminal.receipts())
        .extracting(PrintJob::kind)
        .containsExactly(PrintJob.Kind.SUMMARY);
  }

  @Test
  void cancelRequest_withNothingInFlight_answers6002() throws Exception {
    EcrResponse r = client.send(EcrFunction.CANCEL_REQUEST, EcrTestClient.cancelRequest());

    assertThat(r.respcd()).isEqualTo("6002");
  }

  @Test
  void plainHttp_servesTheSameApi() throws Exception {
    EcrTestClient http = new EcrTestClient(terminal, terminal.httpUri(), terminal.caCertificate());

    EcrResponse r = http.send(EcrFunction.TRADE, trade("1.05", "fps", "order-http"));

    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data()).containsEntry("busicd", "802001");
    assertThat(terminal.exchanges()).extracting(Exchange::transport).containsExactly("http");
  }

  @Test
  void reusingTheOutTradeNoOfAnApprovedPayment_isRefused() throws Exception {
    client.send(EcrFunction.TRADE, trade("1", "wx", "order-dup"));

    EcrResponse again = client.send(EcrFunction.TRADE, trade("1", "wx", "order-dup"));

    assertThat(again.respcd()).isEqualTo("6002");
    assertThat(again.message()).contains("duplicate");
    assertThat(terminal.transactions()).hasSize(1);
  }
}

package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.WAIT;
import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class FaultModesTest {
  static final String OLD_KEY = "0123456789abcdef0123456789abcdef";
  static final String NEW_KEY = "fedcba9876543210fedcba9876543210";

  private TerminalSimulator sim;
  private SimulatedTerminal terminal;
  private EcrTestClient client;

  @BeforeEach
  void start() {
    sim =
        TerminalSimulator.start(
            SimulatorConfig.single(TerminalConfig.builder("f").posKey(OLD_KEY).build()));
    terminal = sim.terminal(0);
    client = new EcrTestClient(terminal);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void loggedOut_answers4007ToEverything() throws Exception {
    terminal.setFault(Fault.loggedOut());

    EcrResponse pay = client.send(EcrFunction.TRADE, trade("1", "wx", "lo-1"));
    EcrResponse query = client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("1"));
    EcrResponse get = client.decode(client.get("/api/pos/trade"));

    assertThat(pay.respcd()).isEqualTo("4007");
    assertThat(query.respcd()).isEqualTo("4007");
    assertThat(get.respcd()).isEqualTo("4007");
    assertThat(terminal.transactions()).isEmpty();
  }

  @Test
  void dropAfterApprove_closesTheConnectionButRecordsTheTransaction() {
    terminal.setFault(Fault.dropAfterApprove());

    assertThatThrownBy(() -> client.send(EcrFunction.TRADE, trade("15", "wx", "drop-1")))
        .isInstanceOf(ExecutionException.class)
        .hasCauseInstanceOf(IOException.class);
    assertThat(terminal.transactions())
        .singleElement()
        .satisfies(
            t -> {
              assertThat(t.outTradeNo()).isEqualTo("drop-1");
              assertThat(t.status()).isEqualTo(SimTransaction.Status.APPROVED);
            });
    assertThat(terminal.exchanges()).singleElement().extracting(Exchange::respcd).isNull();
  }

  @Test
  void dropAfterApprove_stillAnswersQueries() throws Exception {
    terminal.setFault(Fault.dropAfterApprove());

    EcrResponse r = client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("1"));

    assertThat(r.respcd()).isEqualTo("6002");
  }

  @Test
  void garbage_answersUndecodableBytesAfterMovingTheMoney() throws Exception {
    terminal.setFault(Fault.garbage());

    HttpResponse<String> resp =
        client.post(
            EcrFunction.TRADE.path(),
            EcrCodec.encodeRequest(trade("15", "wx", "g-1"), OLD_KEY, true));

    assertThatThrownBy(
            () -> EcrCodec.decodeResponse(resp.body().getBytes(StandardCharsets.UTF_8), OLD_KEY))
        .isInstanceOf(EcrCodecException.class);
    assertThat(terminal.transactions())
        .singleElement()
        .extracting(SimTransaction::status)
        .isEqualTo(SimTransaction.Status.APPROVED);
  }

  @Test
  void slow_stillAnswersCorrectly() throws Exception {
    terminal.setFault(Fault.slow(Duration.ofMillis(200)));

    var pending = client.sendAsync(EcrFunction.TRADE, trade("2", "wx", "s-1"));

    assertThat(pending.get(WAIT.toSeconds(), TimeUnit.SECONDS).respcd()).isEqualTo("6000");
  }

  @Test
  void busy_refusesBusinessRequestsButAnswersQueries() throws Exception {
    terminal.setFault(Fault.busy());

    EcrResponse pay = client.send(EcrFunction.TRADE, trade("2", "wx", "b-1"));
    EcrResponse query = client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("1"));

    assertThat(pay.respcd()).isEqualTo("6002");
    assertThat(pay.message()).isEqualTo("device busy");
    assertThat(query.respcd()).isEqualTo("6002");
    assertThat(query.message()).isEqualTo("transaction not found");
    terminal.setFault(Fault.none());
    assertThat(client.send(EcrFunction.TRADE, trade("2", "wx", "b-1")).respcd()).isEqualTo("6000");
  }

  @Test
  void changedPosKey_refusesTheOldKey_andAcceptsTheNewOne() throws Exception {
    terminal.changePosKey(NEW_KEY);

    EcrResponse old =
        client.send(EcrFunction.PRINT_SUMMARY, Map.of("func_type", 3002), OLD_KEY, true);
    EcrResponse fresh =
        client.send(EcrFunction.PRINT_SUMMARY, Map.of("func_type", 3002), NEW_KEY, true);

    assertThat(old.respcd()).isEqualTo("5001");
    assertThat(fresh.respcd()).isEqualTo("6000");
    assertThat(terminal.posKey()).isEqualTo(NEW_KEY);
  }

  @Test
  void changedPosKey_withEncryptionOff_answers4003ToTheOldKey() throws Exception {
    terminal.setEncryption(false);
    terminal.changePosKey(NEW_KEY);

    EcrResponse old =
        client.send(EcrFunction.PRINT_SUMMARY, Map.of("func_type", 3002), OLD_KEY, false);

    assertThat(old.respcd()).isEqualTo("4003");
  }

  @Test
  void encryptionOff_acceptsThePlainJsonWrapper() throws Exception {
    terminal.setEncryption(false);

    EcrResponse r = client.send(EcrFunction.TRADE, trade("2", "union", "p-1"));

    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data()).containsEntry("busicd", "800708");
  }

  @Test
  void encryptedResponses_areAJsonStringTheKeyDecrypts() throws Exception {
    terminal.setEncryptResponses(true);

    HttpResponse<String> resp =
        client.post(
            EcrFunction.TRADE.path(),
            EcrCodec.encodeRequest(trade("2", "wx", "e-1"), OLD_KEY, true));

    assertThat(resp.body()).startsWith("\"").doesNotContain("respcd");
    EcrResponse r = EcrCodec.decodeResponse(resp.body().getBytes(StandardCharsets.UTF_8), OLD_KEY);
    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data()).containsEntry("out_trade_no", "e-1");
  }

  @Test
  void closedTerminal_refusesConnections() {
    terminal.close();

    assertThatThrownBy(() -> client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("1")))
        .hasCauseInstanceOf(IOException.class);
  }
}

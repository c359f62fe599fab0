package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.ecr.codec.AesCipher;
import io.ecrhub.ecr.codec.Canonical;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class RequestValidationTest {
  /** Fixed keys: a wrong-key ciphertext must fail the same way on every run. */
  static final String KEY = "0123456789abcdef0123456789abcdef";

  static final String OTHER_KEY = "fedcba9876543210fedcba9876543210";

  private TerminalSimulator sim;
  private SimulatedTerminal terminal;
  private EcrTestClient client;

  @BeforeEach
  void start() {
    sim =
        TerminalSimulator.start(
            SimulatorConfig.single(TerminalConfig.builder("v").posKey(KEY).build()));
    terminal = sim.terminal(0);
    client = new EcrTestClient(terminal);
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  @Test
  void wrongKey_withEncryptionOn_answers5001DecryptionFailed() throws Exception {
    EcrResponse r =
        client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("x1"), OTHER_KEY, true);

    assertThat(r.respcd()).isEqualTo("5001");
  }

  @Test
  void wrongKey_withEncryptionOff_answers4003RequestDenied() throws Exception {
    terminal.setEncryption(false);

    EcrResponse r =
        client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("x1"), OTHER_KEY, false);

    assertThat(r.respcd()).isEqualTo("4003");
  }

  @Test
  void rightKeyButWrongDigest_answers4003() throws Exception {
    String canonical = Canonical.render(new TreeMap<>(Map.of("func_type", 3002)));
    String wrapper = Canonical.wrapper(canonical, "0123456789ABCDEF0123456789ABCDEF");
    String body =
        "\"" + AesCipher.encryptToBase64(wrapper, KEY.getBytes(StandardCharsets.UTF_8)) + "\"";

    EcrResponse r = client.decode(client.post(EcrFunction.PRINT_SUMMARY.path(), body));

    assertThat(r.respcd()).isEqualTo("4003");
    assertThat(terminal.receipts()).isEmpty();
  }

  @Test
  void garbageCiphertext_answers5001() throws Exception {
    EcrResponse notAes =
        client.decode(client.post("/api/pos/trade", "\"bm90IGEgY2lwaGVydGV4dA==\""));
    EcrResponse notBase64 = client.decode(client.post("/api/pos/trade", "\"%%%not-base64%%%\""));

    assertThat(notAes.respcd()).isEqualTo("5001");
    assertThat(notBase64.respcd()).isEqualTo("5001");
  }

  @Test
  void plainBody_whileEncryptionIsRequired_answers5001() throws Exception {
    EcrResponse r = client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("x1"), KEY, false);

    assertThat(r.respcd()).isEqualTo("5001");
  }

  @Test
  void encryptedBody_whileEncryptionIsOff_answers5001() throws Exception {
    terminal.setEncryption(false);

    EcrResponse r = client.send(EcrFunction.QUERY, EcrTestClient.queryBySyssn("x1"), KEY, true);

    assertThat(r.respcd()).isEqualTo("5001");
  }

  @Test
  void get_answers4004() throws Exception {
    HttpResponse<String> resp = client.get("/api/pos/trade");

    assertThat(client.decode(resp).respcd()).isEqualTo("4004");
    assertThat(terminal.transactions()).isEmpty();
  }

  @Test
  void unknownPath_answersHttp404() throws Exception {
    HttpResponse<String> resp = client.post("/api/pos/refund", "\"AAAA\"");

    assertThat(resp.statusCode()).isEqualTo(404);
  }

  @Test
  void funcTypeNotMatchingThePath_answers4006() throws Exception {
    String body = io.ecrhub.ecr.codec.EcrCodec.encodeRequest(Map.of("func_type", 3002), KEY, true);

    EcrResponse r = client.decode(client.post(EcrFunction.TRADE.path(), body));

    assertThat(r.respcd()).isEqualTo("4006");
    assertThat(terminal.receipts()).isEmpty();
  }

  static Object[][] invalidContent() {
    return new Object[][] {
      {EcrFunction.TRADE, Map.of("func_type", 1001, "amt", new BigDecimal("-1"), "channel", "wx")},
      {EcrFunction.TRADE, Map.of("func_type", 1001, "amt", BigDecimal.ZERO, "channel", "wx")},
      {
        EcrFunction.TRADE,
        Map.of("func_type", 1001, "amt", new BigDecimal("1.005"), "channel", "wx")
      },
      {EcrFunction.TRADE, Map.of("func_type", 1001, "amt", "10.50", "channel", "wx")},
      {EcrFunction.TRADE, Map.of("func_type", 1001, "channel", "wx")},
      {EcrFunction.TRADE, Map.of("func_type", 1001, "amt", 10, "channel", "bitcoin")},
      {EcrFunction.TRADE, Map.of("func_type", 1001, "amt", 10)},
      {EcrFunction.TRADE, Map.of("func_type", 1001, "amt", 10, "channel", "wx", "scan_type", "X")},
      {
        EcrFunction.TRADE,
        Map.of("func_type", 1001, "amt", 10, "channel", "wx", "payment_timeout", 0)
      },
      {EcrFunction.REFUND, Map.of("func_type", 1002)},
      {EcrFunction.REFUND, Map.of("func_type", 1002, "orderId", "1", "refund_amount", "-2")},
      {EcrFunction.REFUND, Map.of("func_type", 1002, "orderId", "1", "refund_amount", 2)},
      {EcrFunction.PRINT_RECEIPT, Map.of("func_type", 3001)},
      {EcrFunction.QUERY, Map.of("func_type", 4001)},
    };
  }

  @ParameterizedTest
  @MethodSource("invalidContent")
  void missingOrInvalidParameters_answer4006(EcrFunction fn, Map<String, Object> content)
      throws Exception {
    EcrResponse r = client.send(fn, content);

    assertThat(r.respcd()).isEqualTo("4006");
    assertThat(r.message()).isNotBlank();
    assertThat(terminal.transactions()).isEmpty();
  }

  @Test
  void integerAmount_isDollars() throws Exception {
    EcrResponse r =
        client.send(EcrFunction.TRADE, Map.of("func_type", 1001, "amt", 100, "channel", "wx"));

    assertThat(r.respcd()).isEqualTo("6000");
    assertThat(r.data()).containsEntry("txamt", "100.00").containsEntry("out_trade_no", "");
  }

  @Test
  void acceptedRequest_isLoggedWithItsFunctionAndCode() throws Exception {
    client.send(EcrFunction.TRADE, trade("1", "wx", "log-1"));

    assertThat(terminal.exchanges())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.transport()).isEqualTo("https");
              assertThat(e.funcType()).isEqualTo(1001);
              assertThat(e.respcd()).isEqualTo("6000");
            });
  }
}

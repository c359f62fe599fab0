package io.ecrhub.simulator;

import static io.ecrhub.simulator.EcrTestClient.WAIT;
import static io.ecrhub.simulator.EcrTestClient.trade;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.ecrhub.ecr.codec.EcrFunction;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class NotificationTest {
  static final String KEY = "my_qfpay_notification_key";

  /** A received notification: raw body, the X-QF-SIGN header, and whether it verified. */
  record Received(String body, String sign, boolean valid) {}

  private HttpServer receiver;
  private final List<Received> received = new CopyOnWriteArrayList<>();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private TerminalSimulator sim;
  private SimulatedTerminal terminal;

  @BeforeEach
  void start() throws IOException {
    receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    receiver.createContext("/qfpay/notify", this::receive);
    receiver.start();
    URI url = URI.create("http://127.0.0.1:" + receiver.getAddress().getPort() + "/qfpay/notify");
    sim =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .terminal(TerminalConfig.builder("n").notify(url, KEY).build())
                .retryCompression(60_000) // 2 min -> 2 ms, 15 h -> 900 ms
                .refundNotifyType("cancel")
                .build());
    terminal = sim.terminal(0);
  }

  @AfterEach
  void stop() {
    sim.close();
    receiver.stop(0);
  }

  private void receive(HttpExchange ex) throws IOException {
    byte[] raw = ex.getRequestBody().readAllBytes();
    String sign = ex.getRequestHeaders().getFirst("X-QF-SIGN");
    received.add(
        new Received(
            new String(raw, StandardCharsets.UTF_8),
            sign,
            NotificationBody.sign(raw, KEY).equals(sign)));
    boolean fail = failuresLeft.getAndDecrement() > 0;
    byte[] answer = (fail ? "FAIL" : "SUCCESS").getBytes(StandardCharsets.US_ASCII);
    ex.sendResponseHeaders(fail ? 500 : 200, answer.length);
    ex.getResponseBody().write(answer);
    ex.close();
  }

  @Test
  void signature_matchesTheProtocolDocVector() {
    String body =
        "{\"status\":\"1\",\"notify_type\":\"payment\",\"syssn\":\"20250826155400087645770447\","
            + "\"out_trade_no\":\"x--1--2\",\"txamt\":\"1050\",\"respcd\":\"0000\"}";

    assertThat(NotificationBody.sign(body.getBytes(StandardCharsets.UTF_8), KEY))
        .isEqualTo("606E0E764347884FC6C573864AE9077F");
  }

  @Test
  void body_usesPythonDefaultSpacing() {
    assertThat(NotificationBody.pythonJson(Map.of("a", "é\"")))
        .isEqualTo("{\"a\": \"\\u00e9\\\"\"}");
  }

  @Test
  void payment_isNotifiedSignedInCents_retriedUntilSuccess_thenNoMore() throws Exception {
    failuresLeft.set(2);
    var r = new EcrTestClient(terminal).send(EcrFunction.TRADE, trade("10.5", "wx", "x--1--2"));
    String syssn = (String) r.data().get("syssn");

    await()
        .atMost(WAIT)
        .until(() -> terminal.notifications().stream().anyMatch(SimNotification::delivered));
    SimNotification n = terminal.notifications().get(0);

    assertThat(n.syssn()).isEqualTo(syssn);
    assertThat(n.attempts()).hasSize(3);
    assertThat(n.attempts())
        .extracting(SimNotification.DeliveryAttempt::httpStatus)
        .containsExactly(500, 500, 200);
    assertThat(n.attempts().get(2).acknowledged()).isTrue();
    assertThat(received).hasSize(3).allMatch(Received::valid);
    assertThat(received.get(0).body())
        .startsWith("{\"status\": \"1\", \"notify_type\": \"payment\", \"pay_type\": \"800208\", ")
        .contains("\"syssn\": \"" + syssn + "\"")
        .contains("\"out_trade_no\": \"x--1--2\"")
        .contains("\"txamt\": \"1050\"")
        .contains("\"txcurrcd\": \"HKD\"")
        .contains("\"respcd\": \"0000\"");
    // The next retry would come 10 min / 60 000 = 10 ms later: none may arrive.
    await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> received.size() == 3);
    assertThat(terminal.notifications().get(0).attempts()).hasSize(3);
  }

  @Test
  void refund_isNotifiedWithTheOriginalReferences() throws Exception {
    EcrTestClient client = new EcrTestClient(terminal);
    String syssn =
        (String)
            client.send(EcrFunction.TRADE, trade("20", "alipay", "o--7--1")).data().get("syssn");
    var refund = client.send(EcrFunction.REFUND, EcrTestClient.refund(syssn, "5.25"));

    await().atMost(WAIT).until(() -> received.size() == 2);

    Received rn =
        received.stream().filter(x -> x.body().contains("orig_syssn")).findFirst().orElseThrow();
    assertThat(rn.valid()).isTrue();
    assertThat(rn.body())
        .contains("\"notify_type\": \"cancel\"")
        .contains("\"syssn\": \"" + refund.data().get("syssn") + "\"")
        .contains("\"orig_syssn\": \"" + syssn + "\"")
        .contains("\"orig_out_trade_no\": \"o--7--1\"")
        .contains("\"txamt\": \"525\"");
  }

  @Test
  void declinedPayment_isNotNotified() throws Exception {
    EcrTestClient client = new EcrTestClient(terminal);
    terminal.declineNext("declined");
    client.send(EcrFunction.TRADE, trade("1", "wx", "dec-1"));
    client.send(EcrFunction.TRADE, trade("2", "wx", "ok-1"));

    await().atMost(WAIT).until(() -> received.size() == 1);

    assertThat(terminal.notifications())
        .singleElement()
        .extracting(SimNotification::body)
        .asString()
        .contains("ok-1");
  }

  @Test
  void receiverThatNeverAcknowledges_getsTheFullSchedule_thenIsGivenUp() throws Exception {
    failuresLeft.set(Integer.MAX_VALUE);

    new EcrTestClient(terminal).send(EcrFunction.TRADE, trade("1", "wx", "never"));

    await()
        .atMost(WAIT)
        .until(() -> terminal.notifications().stream().anyMatch(SimNotification::exhausted));
    assertThat(terminal.notifications().get(0).attempts())
        .hasSize(1 + QfpayNotifier.RETRY_GAPS.size());
    assertThat(terminal.notifications().get(0).delivered()).isFalse();
  }
}

package io.ecrhub.app.diagnostics;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.notify.intake.NotificationSignature;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The notification check of the diagnostics reads the notification intake: a payment on the
 * terminal without a notification warns; once QFPay's signed notification for that payment is
 * posted to {@code /qfpay/notify}, the check passes and shows when it arrived.
 */
@QuarkusTest
class NotificationDiagnosticsTest {
  /** The key of the test profile ({@code %test.ecrhub.notify.keys}). */
  private static final NotificationKey KEY = NotificationKey.of("my_qfpay_notification_key");

  private static TerminalSimulator sim;
  private static SimulatedTerminal terminal;

  @BeforeAll
  static void start() {
    sim =
        TerminalSimulator.start(SimulatorConfig.single(TerminalConfig.builder("notify-1").build()));
    terminal = sim.terminal(0);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String register() {
    return Api.registerTerminal(
        "Notify till", "127.0.0.1", terminal.httpPort(), "HTTP", terminal.posKey());
  }

  @Test
  void paymentWithoutNotification_warns_andPassesWithTheTimeOnceItArrives() {
    String id = register();
    String payment = Api.startPayment(id, "10.50", "card_payment");
    Api.awaitPaymentStatus(payment, "SUCCEEDED");
    JsonPath p = Api.admin().get("/api/v1/payments/" + payment).then().extract().jsonPath();
    String outTradeNo = p.getString("outTradeNo");
    String syssn = p.getString("qfpayTransactionId");
    assertThat(outTradeNo).isNotBlank();
    assertThat(syssn).isNotBlank();

    Map<String, String> before = check(id);
    assertThat(before.get("status")).isEqualTo("WARN");
    assertThat(before.get("evidence")).contains("payments succeeded");
    assertThat(before.get("fix")).contains("https://hub.test.example/qfpay/notify");

    Instant sent = Instant.now();
    byte[] body =
        ("{\"status\":\"1\",\"notify_type\":\"payment\",\"pay_type\":\"802808\",\"syssn\":\""
                + syssn
                + "\",\"out_trade_no\":\""
                + outTradeNo
                + "\",\"txamt\":\"1050\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\"}")
            .getBytes(StandardCharsets.UTF_8);
    given()
        .contentType("application/json")
        .header("X-QF-SIGN", NotificationSignature.sign(body, KEY))
        .body(body)
        .post("/qfpay/notify")
        .then()
        .statusCode(200);

    Map<String, String> after = check(id);
    assertThat(after.get("status")).isEqualTo("PASS");
    Matcher m =
        Pattern.compile("last verified notification for this terminal at ([^;\\s]+)")
            .matcher(after.get("evidence"));
    assertThat(m.find()).as(after.get("evidence")).isTrue();
    Instant at = Instant.parse(m.group(1));
    assertThat(at).isAfterOrEqualTo(sent.minusSeconds(1)).isBeforeOrEqualTo(Instant.now());
    assertThat(after.get("evidence")).contains("https://hub.test.example/qfpay/notify");

    String other = register();
    Map<String, String> otherCheck = check(other);
    assertThat(otherCheck.get("status")).isEqualTo("WARN");
    assertThat(otherCheck.get("evidence")).contains("no verified notification received yet");
  }

  private static Map<String, String> check(String terminalId) {
    JsonPath run =
        Api.admin()
            .post("/api/v1/terminals/" + terminalId + "/diagnostics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String find = "checks.find { it.id == 'notifications' }.";
    return Map.of(
        "status", run.getString(find + "status"),
        "evidence", run.getString(find + "evidence"),
        "fix", String.valueOf(run.getString(find + "fix")));
  }
}

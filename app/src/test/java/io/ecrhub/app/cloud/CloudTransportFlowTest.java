package io.ecrhub.app.cloud;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.POS_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.awaitRefundStatus;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.support.SseClient;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.simulator.CloudRefundWindow;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.Fault;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.jupiter.api.Test;

/**
 * The ECR cloud transport (issue #14 use 4, ADR 0022) over real sockets: simulated terminals of
 * their own, reached through the simulator's QFPay cloud stand-in by their Device ID, and LAN
 * terminals with a cloud fallback.
 */
@QuarkusTest
@TestProfile(CloudTransportFlowTest.WithCloud.class)
class CloudTransportFlowTest {
  private static final String APP_CODE = "HUBTRANSPORT1";
  private static final String CLIENT_KEY = "7C2B0C9D8E7F60514233A1B2C3D4E5F6";
  private static final String NOTIFY_KEY = "my_qfpay_notification_key";
  private static TerminalSimulator sim;
  private static QfpayCloudStandIn standIn;

  /** Own terminals and the stand-in over their ledgers, for the whole test JVM. */
  public static class WithCloud implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (CloudTransportFlowTest.class) {
        if (sim == null) {
          sim =
              CloudTestSupport.simulator("cloud-1", "fallback-1", "lost-1", "fallback-2", "lan-1");
          standIn =
              sim.startCloud(
                  CloudStandInConfig.loopback(APP_CODE, CLIENT_KEY, null)
                      .withRefundWindow(CloudRefundWindow.alwaysOpen()));
        }
      }
      return CloudTestSupport.cloudSettings(
          standIn,
          APP_CODE,
          CLIENT_KEY,
          "ecrhub.qfpay.cloud.ecr-poll-every",
          "200ms",
          "ecrhub.reconciliation.every",
          "1s");
    }
  }

  /** The id of a refund started now, or null when the terminal is busy (409 TERMINAL_BUSY). */
  private static String refundUnlessBusy(String paymentId, Map<String, ?> body) {
    var r = admin().body(body).post("/api/v1/payments/" + paymentId + "/refunds").then().extract();
    if (r.statusCode() == 409 && "TERMINAL_BUSY".equals(r.path("code"))) {
      assertThat(r.header("Retry-After")).isNotNull();
      return null;
    }
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(202);
    return r.path("id");
  }

  @TestHTTPResource("/qfpay/notify")
  URI notifyUrl;

  @TestHTTPResource("/")
  URI base;

  private static JsonPath payment(String id) {
    return admin().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath register(Map<String, Object> fields) {
    Map<String, Object> body = new HashMap<>(fields);
    body.put("name", unique("Cloud "));
    body.putIfAbsent("posKey", POS_KEY);
    return admin().body(body).post("/api/v1/terminals").then().statusCode(201).extract().jsonPath();
  }

  /** Pushes of payments through the stand-in to the terminal with this Device ID. */
  private static List<QfpayCloudStandIn.Request> paymentPushes(String deviceId) {
    return standIn.requests("/ecr/v1/payment/async").stream()
        .filter(r -> deviceId.equals(r.params().get("termid")))
        .toList();
  }

  private static List<SimTransaction> trades(SimulatedTerminal t, String outTradeNo) {
    return t.transactions().stream()
        .filter(x -> x.kind() == SimTransaction.Kind.PAYMENT)
        .filter(x -> outTradeNo.equals(x.outTradeNo()))
        .toList();
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  @Test
  void cloudTerminal_takesAPaymentAndARefund() {
    SimulatedTerminal t = sim.terminal("cloud-1");
    t.setNotificationTarget(notifyUrl, NOTIFY_KEY);
    JsonPath terminal = register(Map.of("transport", "CLOUD", "deviceId", "cloud-1"));
    assertThat(terminal.getString("transport")).isEqualTo("CLOUD");
    assertThat(terminal.getString("deviceId")).isEqualTo("cloud-1");
    assertThat(terminal.getString("host")).isNull();
    assertThat(terminal.getString("port")).isNull();
    assertThat(terminal.getBoolean("cloudFallback")).isFalse();

    String id = startPayment(terminal.getString("id"), "10.50", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");

    JsonPath p = payment(id);
    String outTradeNo = p.getString("outTradeNo");
    assertThat(trades(t, outTradeNo)).hasSize(1);
    assertThat(p.getString("qfpayTransactionId")).isEqualTo(trades(t, outTradeNo).get(0).syssn());
    assertThat(paymentPushes("cloud-1")).hasSize(1);
    assertThat(paymentPushes("cloud-1").get(0).params())
        .containsEntry("txamt", "1050")
        .containsEntry("out_trade_no", outTradeNo);

    // the payment may show SUCCEEDED (the reconciliation's query) a moment before its own exchange
    // hands the terminal back: a caller meanwhile gets 409 TERMINAL_BUSY with Retry-After, and
    // retries
    String refund =
        await()
            .atMost(Duration.ofSeconds(30))
            .pollInterval(Duration.ofMillis(200))
            .until(() -> refundUnlessBusy(id, Map.of("amount", "4.00")), Objects::nonNull);
    awaitRefundStatus(refund, "SUCCEEDED");
    assertThat(standIn.requests("/ecr/v1/refund/async")).hasSize(1);
    assertThat(standIn.requests("/ecr/v1/refund/async").get(0).params())
        .containsEntry("termid", "cloud-1")
        .containsEntry("txamt", "400")
        .containsEntry("syssn", p.getString("qfpayTransactionId"));
    assertThat(t.transactions()).filteredOn(x -> x.kind() == SimTransaction.Kind.REFUND).hasSize(1);
    assertThat(payment(id).getString("refundedAmount")).isEqualTo("4.00");
    assertThat(standIn.violations()).isEmpty();
  }

  @Test
  void lanTerminalRefusingConnections_fallsBackToTheCloudOnceAndOnlyOnce() throws Exception {
    SimulatedTerminal t = sim.terminal("fallback-1");
    JsonPath terminal =
        register(
            Map.of(
                "host",
                "127.0.0.1",
                "port",
                closedPort(),
                "transport",
                "HTTP",
                "deviceId",
                "fallback-1",
                "cloudFallback",
                true));
    assertThat(terminal.getBoolean("cloudFallback")).isTrue();

    String id = startPayment(terminal.getString("id"), "7.20", "alipay");
    awaitPaymentStatus(id, "SUCCEEDED");

    String outTradeNo = payment(id).getString("outTradeNo");
    assertThat(trades(t, outTradeNo)).hasSize(1);
    assertThat(paymentPushes("fallback-1")).hasSize(1);
    assertThat(paymentPushes("fallback-1").get(0).params())
        .containsEntry("out_trade_no", outTradeNo)
        .containsEntry("txamt", "720");
    assertThat(payment(id).getString("qfpayTransactionId"))
        .isEqualTo(trades(t, outTradeNo).get(0).syssn());
  }

  /**
   * The payment that fell back says it went through the cloud (its view and its events), is settled
   * as the cloud's answer (confirmed by the cloud, not an unauthenticated HTTP answer waiting for
   * confirmation), and the terminal's LAN is shown as not reached, not ONLINE because the cloud leg
   * succeeded. A payment to a reachable LAN terminal says HTTP.
   */
  @Test
  void fallbackPayment_isRecordedAsCarriedByTheCloud_andTheLanShownUnreachable() throws Exception {
    SimulatedTerminal t = sim.terminal("fallback-2");
    JsonPath terminal =
        register(
            Map.of(
                "host",
                "127.0.0.1",
                "port",
                closedPort(),
                "transport",
                "HTTP",
                "deviceId",
                "fallback-2",
                "cloudFallback",
                true));

    String id = startPayment(terminal.getString("id"), "6.10", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");

    JsonPath p = payment(id);
    assertThat(p.getString("transport")).isEqualTo("CLOUD");
    assertThat(p.getString("confirmedBy")).isEqualTo("cloud");
    assertThat(p.getBoolean("confirmationPending")).isFalse();
    assertThat(trades(t, p.getString("outTradeNo"))).hasSize(1);
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/payments/" + id + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.until("payment.succeeded"))
          .anySatisfy(
              e ->
                  assertThat(e.data())
                      .contains("sent through QFPay's cloud")
                      .contains("CONNECT_FAILED"));
    }
    JsonPath after =
        admin()
            .get("/api/v1/terminals/" + terminal.getString("id"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(after.getString("status")).isNotEqualTo("ONLINE").isEqualTo("UNREACHABLE");

    SimulatedTerminal lan = sim.terminal("lan-1");
    JsonPath reachable =
        register(
            Map.of(
                "host",
                lan.host(),
                "port",
                lan.httpPort(),
                "transport",
                "HTTP",
                "posKey",
                lan.posKey(),
                "deviceId",
                "lan-1",
                "cloudFallback",
                true));
    String direct = startPayment(reachable.getString("id"), "2.00", "wx");
    awaitPaymentStatus(direct, "SUCCEEDED");
    assertThat(payment(direct).getString("transport")).isEqualTo("HTTP");
    assertThat(paymentPushes("lan-1")).isEmpty();
  }

  @Test
  void lanTimeoutAfterSend_isUnknown_andDoesNotFallBack() {
    SimulatedTerminal t = sim.terminal("lost-1");
    // the terminal takes the request and closes the connection without an answer
    t.setFault(new Fault.Forge(Map.of(EcrFunction.TRADE, c -> null, EcrFunction.QUERY, c -> null)));
    JsonPath terminal =
        register(
            Map.of(
                "host",
                t.host(),
                "port",
                t.httpPort(),
                "transport",
                "HTTP",
                "deviceId",
                "lost-1",
                "cloudFallback",
                true,
                "posKey",
                t.posKey()));

    String id = startPayment(terminal.getString("id"), "3.30", "wx");
    awaitPaymentStatus(id, "UNKNOWN");
    // reconciliation has had its go at it (it asks the cloud; it never pushes)
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(300))
        .until(
            () ->
                !admin()
                    .get("/api/v1/payments/" + id + "/reconciliation")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath()
                    .getList("sources")
                    .isEmpty());

    assertThat(paymentPushes("lost-1")).isEmpty();
    assertThat(payment(id).getString("status")).isEqualTo("UNKNOWN");
    t.setFault(Fault.none());
  }

  @Test
  void validation_namesTheMissingDeviceIdAndTheStrayAddress() {
    Map<String, Object> cloudWithoutDevice =
        Map.of("name", "x", "posKey", POS_KEY, "transport", "CLOUD");
    admin()
        .body(cloudWithoutDevice)
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo("DEVICE_ID_REQUIRED"));
    admin()
        .body(Map.of("name", "x", "posKey", POS_KEY, "host", "10.0.0.9", "cloudFallback", true))
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo("DEVICE_ID_REQUIRED"));
    admin()
        .body(
            Map.of(
                "name",
                "x",
                "posKey",
                POS_KEY,
                "transport",
                "CLOUD",
                "deviceId",
                unique("d"),
                "host",
                "10.0.0.9"))
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo("INVALID_HOST"));
    admin()
        .body(
            Map.of(
                "name",
                "x",
                "posKey",
                POS_KEY,
                "transport",
                "CLOUD",
                "deviceId",
                unique("d"),
                "cloudFallback",
                true))
        .post("/api/v1/terminals")
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo("INVALID_CLOUD_FALLBACK"));

    String lan = register(Map.of("host", "10.0.0.10", "transport", "HTTP")).getString("id");
    admin()
        .body(Map.of("cloudFallback", true))
        .patch("/api/v1/terminals/" + lan)
        .then()
        .statusCode(400)
        .body("code", org.hamcrest.Matchers.equalTo("DEVICE_ID_REQUIRED"));
    String device = unique("d");
    JsonPath moved =
        admin()
            .body(Map.of("transport", "CLOUD", "deviceId", device))
            .patch("/api/v1/terminals/" + lan)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(moved.getString("transport")).isEqualTo("CLOUD");
    assertThat(moved.getString("host")).isNull();
    JsonPath back =
        admin()
            .body(Map.of("transport", "HTTPS", "host", "10.0.0.11", "cloudFallback", true))
            .patch("/api/v1/terminals/" + lan)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(back.getString("host")).isEqualTo("10.0.0.11");
    assertThat(back.getInt("port")).isEqualTo(9001);
    assertThat(back.getBoolean("cloudFallback")).isTrue();
    assertThat(
            admin()
                .get("/api/v1/terminals/" + lan)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getString("deviceId"))
        .isEqualTo(device);
  }
}

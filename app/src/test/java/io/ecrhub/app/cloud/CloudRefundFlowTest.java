package io.ecrhub.app.cloud;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerTerminal;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.simulator.CloudRefundWindow;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Refunds through QFPay's cloud (issue #14 use 3, ADR 0021) over real sockets: simulated terminals
 * of their own, the simulator's cloud stand-in over their ledgers. The card cut-off is 00:00 in
 * this profile, so every card payment is past its same-day terminal window. A test that needs its
 * terminal off closes it ({@link SimulatedTerminal#close()}: connections refused, NotSent).
 */
@QuarkusTest
@TestProfile(CloudRefundFlowTest.WithCloud.class)
class CloudRefundFlowTest {
  private static final String APP_CODE = "HUBREFUNDS0001";
  private static final String CLIENT_KEY = "7C3D1E9F8A6B50423144B2C3D4E5F607";
  private static TerminalSimulator sim;
  private static QfpayCloudStandIn standIn;

  /** Own terminals and the stand-in over their ledgers; the card window always closed. */
  public static class WithCloud implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (CloudRefundFlowTest.class) {
        if (sim == null) {
          sim =
              CloudTestSupport.simulator(
                  "off-1",
                  "off-2",
                  "card-1",
                  "refuse-1",
                  "slow-1",
                  "route-1",
                  "window-1",
                  "auto-1265",
                  "auto-1269",
                  "auto-1272",
                  "auto-down",
                  "written-1");
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
          "ecrhub.qfpay.cloud.request-timeout",
          "2s",
          "ecrhub.refunds.card-cutoff",
          "00:00",
          "ecrhub.reconciliation.every",
          "1s");
    }
  }

  private static String register(SimulatedTerminal t) {
    return registerTerminal(unique("Refund "), t.host(), t.httpPort(), "HTTP", t.posKey());
  }

  /** A payment taken through the hub on {@code t}, SUCCEEDED. */
  private static JsonPath paid(SimulatedTerminal t, String amount, String channel) {
    String id = startPayment(register(t), amount, channel);
    awaitPaymentStatus(id, "SUCCEEDED");
    return payment(id);
  }

  private static JsonPath payment(String id) {
    return admin().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static JsonPath refund(String id) {
    return admin().get("/api/v1/refunds/" + id).then().statusCode(200).extract().jsonPath();
  }

  private static ExtractableResponse<Response> postRefund(
      String paymentId, String amount, String route) {
    Map<String, Object> body = new HashMap<>();
    if (amount != null) {
      body.put("amount", amount);
    }
    if (route != null) {
      body.put("route", route);
    }
    return admin().body(body).post("/api/v1/payments/" + paymentId + "/refunds").then().extract();
  }

  private static void awaitRefund(String id, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollInterval(Duration.ofMillis(200))
        .until(() -> status.equals(refund(id).getString("status")));
  }

  private static List<QfpayCloudStandIn.Request> refundRequests(String outTradeNo) {
    return standIn.requests("/trade/v1/refund").stream()
        .filter(r -> outTradeNo.equals(r.params().get("out_trade_no")))
        .toList();
  }

  /** {@code ecrhub_cloud_calls_total} of one operation and outcome, from the metrics endpoint. */
  private static double cloudCalls(String operation, String outcome) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile(
                "(?m)^ecrhub_cloud_calls_total\\{operation=\""
                    + operation
                    + "\",outcome=\""
                    + outcome
                    + "\",?} (\\S+)$")
            .matcher(io.ecrhub.app.support.ManagementInterface.metrics());
    assertThat(m.find()).as("ecrhub_cloud_calls_total{%s,%s}", operation, outcome).isTrue();
    return Double.parseDouble(m.group(1));
  }

  @Test
  void terminalOff_autoRefund_goesThroughTheCloudOnce_andSettles() {
    SimulatedTerminal t = sim.terminal("off-1");
    JsonPath p = paid(t, "10.50", "wx");
    t.close();
    double refundsBefore = cloudCalls("trade_refund", "answered");

    var created = postRefund(p.getString("id"), "4.00", null);
    assertThat(created.statusCode()).isEqualTo(202);
    String id = created.path("id");
    awaitRefund(id, "SUCCEEDED");
    assertThat(cloudCalls("trade_refund", "answered")).isEqualTo(refundsBefore + 1);

    JsonPath r = refund(id);
    assertThat(r.getString("route")).isEqualTo("cloud");
    assertThat(r.getString("confirmedBy")).isEqualTo("cloud");
    assertThat(r.getBoolean("confirmationPending")).isFalse();
    String outTradeNo = r.getString("outTradeNo");
    assertThat(outTradeNo).startsWith("EHR").isNotEqualTo(p.getString("outTradeNo"));
    List<QfpayCloudStandIn.Request> sent = refundRequests(outTradeNo);
    assertThat(sent).hasSize(1);
    assertThat(sent.getFirst().params())
        .containsEntry("syssn", p.getString("qfpayTransactionId"))
        .containsEntry("txamt", "400");
    assertThat(r.getString("qfpayTransactionId"))
        .isEqualTo(t.transactions().getLast().syssn())
        .isNotEqualTo(p.getString("qfpayTransactionId"));
    assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("4.00");
    assertThat(standIn.violations()).isEmpty();
  }

  @Test
  void terminalOff_routeTerminal_failsWithTheTerminalsError_andNeverTouchesTheCloud() {
    SimulatedTerminal t = sim.terminal("off-2");
    JsonPath p = paid(t, "10.50", "wx");
    t.close();

    var created = postRefund(p.getString("id"), "4.00", "terminal");
    assertThat(created.statusCode()).isEqualTo(202);
    String id = created.path("id");
    awaitRefund(id, "FAILED");

    JsonPath r = refund(id);
    assertThat(r.getString("route")).isEqualTo("terminal");
    assertThat(r.getString("failureCode")).isEqualTo("UNREACHABLE");
    assertThat(r.getString("outTradeNo")).isNull();
    assertThat(standIn.requests("/trade/v1/refund"))
        .noneMatch(q -> p.getString("qfpayTransactionId").equals(q.params().get("syssn")));
  }

  @Test
  void cardAfterTheSameDayWindow_terminalRefuses_cloudRefunds() {
    SimulatedTerminal t = sim.terminal("card-1");
    JsonPath p = paid(t, "25.00", "card_payment");

    var onTerminal = postRefund(p.getString("id"), null, "terminal");
    assertThat(onTerminal.statusCode()).isEqualTo(422);
    assertThat(onTerminal.<String>path("code")).isEqualTo("CARD_REFUND_NOT_SAME_DAY");

    var throughCloud = postRefund(p.getString("id"), null, "cloud");
    assertThat(throughCloud.statusCode()).isEqualTo(202);
    assertThat(throughCloud.<String>path("status")).isEqualTo("SUCCEEDED");
    assertThat(throughCloud.<String>path("route")).isEqualTo("cloud");
    assertThat(throughCloud.<String>path("amount")).isEqualTo("25.00");
    assertThat(refundRequests(throughCloud.path("outTradeNo")).getFirst().params())
        .containsEntry("txamt", "2500")
        .containsEntry("syssn", p.getString("qfpayTransactionId"));
    JsonPath after = payment(p.getString("id"));
    assertThat(after.getString("refundedAmount")).isEqualTo("25.00");
  }

  @Test
  void everyRefusalOfQfpay_isIts422_andTheRefundIsDeclined() {
    SimulatedTerminal t = sim.terminal("refuse-1");
    JsonPath p = paid(t, "10.50", "wx");
    Map<String, String> codes =
        Map.of(
            "1265", "REFUND_WINDOW_CLOSED",
            "1269", "REFUND_INSUFFICIENT_BALANCE",
            "1270", "PARTIAL_REFUND_NOT_ALLOWED",
            "1271", "PARTIAL_REFUND_NOT_ALLOWED",
            "1272", "REFUND_EXCEEDS_REFUNDABLE",
            "1136", "NOT_IN_CLOUD");
    for (var c : codes.entrySet()) {
      standIn.refuseNextRefund(c.getKey());
      Instant before = Instant.now();

      var refused = postRefund(p.getString("id"), "1.00", "cloud");

      assertThat(refused.statusCode()).as(c.getKey()).isEqualTo(422);
      assertThat(refused.contentType()).startsWith("application/problem+json");
      assertThat(refused.<String>path("code")).as(c.getKey()).isEqualTo(c.getValue());
      assertThat(refused.<String>path("detail")).contains("QFPay code " + c.getKey());
      String reopens = refused.path("reopensAt");
      if (c.getKey().equals("1265")) {
        assertThat(Instant.parse(reopens))
            .isAfter(before)
            .isBefore(before.plus(Duration.ofDays(1)));
      } else {
        assertThat(reopens).as(c.getKey()).isNull();
      }
    }
    List<Map<String, Object>> refunds =
        admin()
            .get("/api/v1/payments/" + p.getString("id") + "/refunds")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(refunds).hasSize(codes.size());
    assertThat(refunds).allSatisfy(r -> assertThat(r.get("status")).isEqualTo("DECLINED"));
    assertThat(refunds)
        .extracting(r -> r.get("terminalResponseCode"))
        .containsExactlyInAnyOrderElementsOf(codes.keySet());
    assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("0.00");
  }

  /**
   * The stand-in's own 1265 (not a refusal on demand): its window, read on a clock the test sets,
   * is closed, then open. The refund refused while closed is DECLINED with 1265 and answered 422
   * with the next 00:30 Hong Kong time; the one asked while open refunds.
   */
  @Test
  void theCloudsRefundWindow_closed_is422WithReopensAt_open_refunds() {
    JsonPath p = paid(sim.terminal("window-1"), "10.50", "wx");
    ExtractableResponse<Response> refused;
    Instant before = Instant.now();
    standIn.refundWindow(CloudRefundWindow.alwaysClosed());
    try {
      refused = postRefund(p.getString("id"), "3.00", "cloud");
    } finally {
      standIn.refundWindow(CloudRefundWindow.alwaysOpen());
    }

    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.<String>path("code")).isEqualTo("REFUND_WINDOW_CLOSED");
    Instant reopens = Instant.parse(refused.path("reopensAt"));
    assertThat(reopens).isAfter(before).isBefore(before.plus(Duration.ofDays(1)).plusSeconds(60));
    assertThat(reopens.atZone(java.time.ZoneId.of("Asia/Hong_Kong")).toLocalTime())
        .isEqualTo(java.time.LocalTime.of(0, 30));
    List<QfpayCloudStandIn.Request> closed =
        standIn.requests("/trade/v1/refund").stream()
            .filter(r -> p.getString("qfpayTransactionId").equals(r.params().get("syssn")))
            .toList();
    assertThat(closed).hasSize(1);
    assertThat(closed.getFirst().respcd()).isEqualTo("1265");

    var open = postRefund(p.getString("id"), "3.00", "cloud");
    assertThat(open.statusCode()).isEqualTo(202);
    assertThat(open.<String>path("status")).isEqualTo("SUCCEEDED");

    List<Map<String, Object>> refunds =
        admin()
            .get("/api/v1/payments/" + p.getString("id") + "/refunds")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(refunds)
        .extracting(r -> r.get("status"))
        .containsExactlyInAnyOrder("DECLINED", "SUCCEEDED");
    assertThat(refunds)
        .filteredOn(r -> "DECLINED".equals(r.get("status")))
        .extracting(r -> r.get("terminalResponseCode"))
        .containsExactly("1265");
    assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("3.00");
  }

  /**
   * {@code auto} whose terminal attempt was NotSent (connection refused) and which QFPay then
   * refuses: answered as {@code route: cloud} is (ADR 0021), the 422 with QFPay's mapped code, the
   * refund recorded DECLINED with QFPay's code on the cloud route, nothing refunded. Each code on a
   * terminal of its own, last seen ONLINE, so that {@code auto} tries the terminal first.
   */
  @Test
  void autoRefund_terminalNotSent_cloudRefuses_isThe422OfRouteCloud() {
    Map<String, String> codes =
        Map.of(
            "1265", "REFUND_WINDOW_CLOSED",
            "1269", "REFUND_INSUFFICIENT_BALANCE",
            "1272", "REFUND_EXCEEDS_REFUNDABLE");
    for (var c : codes.entrySet()) {
      SimulatedTerminal t = sim.terminal("auto-" + c.getKey());
      JsonPath p = paid(t, "10.50", "wx");
      int tradesBefore = t.transactions().size();
      t.close();
      standIn.refuseNextRefund(c.getKey());

      var refused = postRefund(p.getString("id"), "2.00", null);

      assertThat(refused.statusCode()).as(c.getKey()).isEqualTo(422);
      assertThat(refused.<String>path("code")).as(c.getKey()).isEqualTo(c.getValue());
      assertThat(refused.<String>path("detail")).contains("QFPay code " + c.getKey());
      if (c.getKey().equals("1265")) {
        assertThat(refused.<String>path("reopensAt")).isNotNull();
      }
      List<Map<String, Object>> refunds =
          admin()
              .get("/api/v1/payments/" + p.getString("id") + "/refunds")
              .then()
              .statusCode(200)
              .extract()
              .jsonPath()
              .getList("$");
      assertThat(refunds).as(c.getKey()).hasSize(1);
      Map<String, Object> r = refunds.getFirst();
      assertThat(r.get("status")).as(c.getKey()).isEqualTo("DECLINED");
      assertThat(r.get("route")).as(c.getKey()).isEqualTo("cloud");
      assertThat(r.get("terminalResponseCode")).as(c.getKey()).isEqualTo(c.getKey());
      assertThat(refundRequests((String) r.get("outTradeNo"))).hasSize(1);
      assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("0.00");
      assertThat(t.transactions()).hasSize(tradesBefore);
    }
  }

  /**
   * {@code auto} through a reachable terminal, a cloud account configured: answered as soon as the
   * channel signals the request written to the terminal (nothing is left to prove NotSent), so the
   * caller gets IN_PROGRESS while the terminal still holds the refund, not the settled refund after
   * the terminal's answer or the connect budget (ADR 0021). The terminal settles it; the cloud
   * never sees it.
   */
  @Test
  void autoRefund_reachableTerminal_isAnsweredOnceTheRequestIsWritten_andTheTerminalSettlesIt() {
    SimulatedTerminal t = sim.terminal("written-1");
    JsonPath p = paid(t, "10.50", "wx");
    int cloudRefundsBefore = standIn.requests("/trade/v1/refund").size();
    t.setRefundWait(Duration.ofSeconds(3));
    try {
      var created = postRefund(p.getString("id"), "2.00", null);

      assertThat(created.statusCode()).isEqualTo(202);
      assertThat(created.<String>path("status"))
          .as("answered at the write, before the terminal answers three seconds later")
          .isEqualTo("IN_PROGRESS");
      assertThat(created.<String>path("route")).isEqualTo("terminal");
      String id = created.path("id");
      awaitRefund(id, "SUCCEEDED");
      assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("2.00");
      assertThat(standIn.requests("/trade/v1/refund")).hasSize(cloudRefundsBefore);
    } finally {
      t.setRefundWait(Duration.ZERO);
    }
  }

  /**
   * {@code auto} whose terminal attempt was NotSent and whose cloud request is not processed either
   * (HTTP 429, NotSent): 503 CLOUD_UNREACHABLE, nothing refunded, the refund FAILED (final, so it
   * holds nothing back); the caller's retry refunds.
   */
  @Test
  void autoRefund_terminalNotSent_cloudUnreachable_is503_andARetryRefunds() {
    SimulatedTerminal t = sim.terminal("auto-down");
    JsonPath p = paid(t, "10.50", "wx");
    t.close();
    standIn.throttleNextRefunds(1);

    var unreachable = postRefund(p.getString("id"), null, null);

    assertThat(unreachable.statusCode()).isEqualTo(503);
    assertThat(unreachable.<String>path("code")).isEqualTo("CLOUD_UNREACHABLE");
    List<Map<String, Object>> refunds =
        admin()
            .get("/api/v1/payments/" + p.getString("id") + "/refunds")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(refunds).hasSize(1);
    assertThat(refunds.getFirst().get("status")).isEqualTo("FAILED");
    assertThat(refunds.getFirst().get("route")).isEqualTo("cloud");
    assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("0.00");

    var retry = postRefund(p.getString("id"), null, null);
    assertThat(retry.statusCode()).isEqualTo(202);
    assertThat(retry.<String>path("status")).isEqualTo("SUCCEEDED");
    assertThat(retry.<String>path("amount")).isEqualTo("10.50");
    assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("10.50");
  }

  @Test
  void unknownRoute_is400() {
    JsonPath p = paid(sim.terminal("route-1"), "3.00", "wx");
    var wrong = postRefund(p.getString("id"), "1.00", "carrier-pigeon");
    assertThat(wrong.statusCode()).isEqualTo(400);
    assertThat(wrong.<String>path("code")).isEqualTo("INVALID_REFUND_ROUTE");
    assertThat(wrong.<String>path("field")).isEqualTo("route");
    assertThat(
            admin()
                .get("/api/v1/payments/" + p.getString("id") + "/refunds")
                .then()
                .extract()
                .jsonPath()
                .getList("$"))
        .isEmpty();
  }

  @Test
  void cloudTimeout_isUnknown_neverSentAgain_andSettledByTheCloudQuery() {
    SimulatedTerminal t = sim.terminal("slow-1");
    JsonPath p = paid(t, "10.50", "wx");
    standIn.delayNextRefund(Duration.ofSeconds(4));

    var created = postRefund(p.getString("id"), "2.00", "cloud");

    assertThat(created.statusCode()).isEqualTo(202);
    assertThat(created.<String>path("status")).isEqualTo("UNKNOWN");
    String id = created.path("id");
    String outTradeNo = created.path("outTradeNo");
    awaitRefund(id, "SUCCEEDED");

    JsonPath r = refund(id);
    assertThat(r.getString("confirmedBy")).isEqualTo("cloud");
    assertThat(refundRequests(outTradeNo)).hasSize(1);
    assertThat(standIn.requests("/trade/v1/query"))
        .anyMatch(q -> outTradeNo.equals(q.params().get("out_trade_no")));
    assertThat(payment(p.getString("id")).getString("refundedAmount")).isEqualTo("2.00");
    assertThat(standIn.violations()).isEmpty();
  }
}

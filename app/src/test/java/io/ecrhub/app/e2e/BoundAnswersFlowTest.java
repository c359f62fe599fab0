package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.registerTerminal;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.app.support.SseClient;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import io.ecrhub.notify.intake.NotificationSignature;
import io.ecrhub.simulator.Fault;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Terminal answers bound to the request they answer (issue #12 §1, ADR 0007), over real sockets: a
 * stand-in answers for the simulated terminal ({@link Fault.Forge}) over plain HTTP, raw TCP and
 * pinned HTTPS; forged approvals settle nothing (UNKNOWN, review note, review_required event) and
 * reconciliation goes on; an authentic answer over HTTPS that lacks data settles, asks for
 * confirmation, and a signed notification confirms it.
 */
@QuarkusTest
class BoundAnswersFlowTest {
  private static final NotificationKey NOTIFY_KEY = NotificationKey.of("my_qfpay_notification_key");
  private final SimulatedTerminal sim = SimulatorResource.terminal(2);

  @TestHTTPResource("/")
  URI base;

  @AfterEach
  void resetSimulator() {
    sim.setFault(Fault.none());
  }

  private String registerPlain(String transport) {
    int port = "TCP".equals(transport) ? sim.tcpPort() : sim.httpPort();
    return registerTerminal(unique("Plain "), sim.host(), port, transport, sim.posKey());
  }

  private static EcrResponse approval(Map<String, Object> data) {
    return new EcrResponse("6000", "success", "", data);
  }

  /** The data a real terminal returns for a trade, with the request's own identifiers. */
  private static Map<String, Object> tradeData(String syssn, Object outTradeNo, Object amount) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("respcd", "0000");
    d.put("syssn", syssn);
    d.put("out_trade_no", String.valueOf(outTradeNo));
    d.put("txamt", String.valueOf(amount));
    d.put("txcurrcd", "HKD");
    return d;
  }

  private JsonPath payment(String id) {
    return admin().get("/api/v1/payments/" + id).then().statusCode(200).extract().jsonPath();
  }

  private JsonPath refund(String id) {
    return admin().get("/api/v1/refunds/" + id).then().statusCode(200).extract().jsonPath();
  }

  /** Waits for {@code event} in the payment's history (refund events included). */
  private void awaitEvent(String paymentId, String event) throws Exception {
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/payments/" + paymentId + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.until(event)).isNotEmpty();
    }
  }

  private void assertFlaggedNotSettled(String id, String noteContains) throws Exception {
    awaitEvent(id, "payment.review_required");
    JsonPath p = payment(id);
    assertThat(p.getString("status")).isEqualTo("UNKNOWN");
    assertThat(p.getString("reviewNote")).contains(noteContains);
    assertThat(p.getString("confirmedBy")).isNull();
  }

  private String forgedPayment(String terminal, Function<Map<String, Object>, EcrResponse> forger) {
    sim.setFault(new Fault.Forge(EcrFunction.TRADE, forger));
    return startPayment(terminal, "10.50", "wx");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "TCP"})
  void plainApprovalOfAnotherOutTradeNo_settlesNothing(String transport) throws Exception {
    String terminal = registerPlain(transport);
    String id =
        forgedPayment(
            terminal, c -> approval(tradeData("20260302000000000001", "EHother", c.get("amt"))));
    assertFlaggedNotSettled(id, "out_trade_no");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "TCP"})
  void plainApprovalOfAnotherAmount_settlesNothing(String transport) throws Exception {
    String terminal = registerPlain(transport);
    String id =
        forgedPayment(
            terminal,
            c -> approval(tradeData("20260302000000000002", c.get("out_trade_no"), "1.05")));
    assertFlaggedNotSettled(id, "txamt");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "TCP"})
  void plainApprovalWithoutData_settlesNothing(String transport) throws Exception {
    String terminal = registerPlain(transport);
    String id = forgedPayment(terminal, c -> new EcrResponse("6000", "success", "", null));
    assertFlaggedNotSettled(id, "lacks");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "TCP"})
  void replayedEarlierApproval_settlesNothing(String transport) throws Exception {
    String terminal = registerPlain(transport);
    String first = startPayment(terminal, "10.50", "wx");
    awaitPaymentStatus(first, "SUCCEEDED");
    JsonPath paid = payment(first);
    assertThat(paid.getString("confirmedBy")).isEqualTo("terminal_plain");
    assertThat(paid.getBoolean("confirmationPending")).isTrue();
    String earlierSyssn = paid.getString("qfpayTransactionId");

    // the earlier approval replayed, with this request's out_trade_no and amount patched in
    String id =
        forgedPayment(
            terminal, c -> approval(tradeData(earlierSyssn, c.get("out_trade_no"), c.get("amt"))));
    assertFlaggedNotSettled(id, "already recorded on payment " + first);
  }

  @Test
  void tlsApprovalWithoutData_settlesAsksForConfirmation_thenASignedNotificationConfirms()
      throws Exception {
    String terminal = registerSimulated(sim, null);
    String id = forgedPayment(terminal, c -> new EcrResponse("6000", "success", "", null));
    awaitPaymentStatus(id, "SUCCEEDED");
    JsonPath p = payment(id);
    assertThat(p.getString("confirmedBy")).isEqualTo("terminal_tls");
    assertThat(p.getBoolean("confirmationPending")).isTrue();
    assertThat(p.getString("qfpayTransactionId")).isNull();

    String syssn = "2026" + System.nanoTime();
    postSigned(
        "{\"status\":\"1\",\"notify_type\":\"payment\",\"syssn\":\""
            + syssn
            + "\",\"out_trade_no\":\""
            + p.getString("outTradeNo")
            + "\",\"txamt\":\"1050\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "notification".equals(payment(id).getString("confirmedBy")));
    JsonPath confirmed = payment(id);
    assertThat(confirmed.getBoolean("confirmationPending")).isFalse();
    assertThat(confirmed.getString("qfpayTransactionId")).isEqualTo(syssn);
    assertThat(confirmed.getString("status")).isEqualTo("SUCCEEDED");
  }

  private static void postSigned(String json) {
    byte[] body = json.getBytes(StandardCharsets.UTF_8);
    RestAssured.given()
        .contentType("application/json")
        .header("X-QF-SIGN", NotificationSignature.sign(body, NOTIFY_KEY))
        .body(body)
        .post("/qfpay/notify")
        .then()
        .statusCode(200);
  }

  private String paidOn(String terminal) {
    String id = startPayment(terminal, "10.50", "alipay");
    awaitPaymentStatus(id, "SUCCEEDED");
    return id;
  }

  private String refundOf(String paymentId) {
    return admin()
        .body(Map.of("amount", "4.00"))
        .post("/api/v1/payments/" + paymentId + "/refunds")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "TCP"})
  void plainRefundApprovalOfAnotherPayment_settlesNothing(String transport) throws Exception {
    String terminal = registerPlain(transport);
    String paymentId = paidOn(terminal);
    sim.setFault(
        new Fault.Forge(
            EcrFunction.REFUND,
            c ->
                approval(
                    Map.of(
                        "respcd", "0000",
                        "syssn", "20260302000000000003",
                        "orig_syssn", "20260302000000000004",
                        "txamt", String.valueOf(c.get("refund_amount")),
                        "txcurrcd", "HKD"))));
    String refundId = refundOf(paymentId);
    awaitEvent(paymentId, "refund.review_required");
    JsonPath r = refund(refundId);
    assertThat(r.getString("status")).isEqualTo("UNKNOWN");
    assertThat(r.getString("reviewNote")).contains("orig_syssn");
    assertThat(payment(paymentId).getString("refundedAmount")).isEqualTo("0.00");
  }

  @Test
  void tlsRefundApprovalWithoutData_settlesAsksForConfirmation_thenANotificationConfirms()
      throws Exception {
    String terminal = registerSimulated(sim, null);
    String paymentId = paidOn(terminal);
    JsonPath paid = payment(paymentId);
    sim.setFault(
        new Fault.Forge(EcrFunction.REFUND, c -> new EcrResponse("6000", "success", "", null)));
    String refundId = refundOf(paymentId);
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> "SUCCEEDED".equals(refund(refundId).getString("status")));
    JsonPath r = refund(refundId);
    assertThat(r.getString("confirmedBy")).isEqualTo("terminal_tls");
    assertThat(r.getBoolean("confirmationPending")).isTrue();

    String refundSyssn = "2026" + System.nanoTime();
    postSigned(
        "{\"status\":\"1\",\"notify_type\":\"refund\",\"syssn\":\""
            + refundSyssn
            + "\",\"orig_syssn\":\""
            + paid.getString("qfpayTransactionId")
            + "\",\"orig_out_trade_no\":\""
            + paid.getString("outTradeNo")
            + "\",\"txamt\":\"400\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\"}");
    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> "notification".equals(refund(refundId).getString("confirmedBy")));
    assertThat(refund(refundId).getString("qfpayTransactionId")).isEqualTo(refundSyssn);
    assertThat(payment(paymentId).getString("refundedAmount")).isEqualTo("4.00");
  }

  @ParameterizedTest
  @ValueSource(strings = {"HTTP", "TCP"})
  void plainQueryAnswers_areBoundToo_andReconciliationGoesOn(String transport) throws Exception {
    String terminal = registerPlain(transport);
    // the trade's answer is lost; the query answers a record of another amount
    Map<EcrFunction, Function<Map<String, Object>, EcrResponse>> forgers = new LinkedHashMap<>();
    forgers.put(EcrFunction.TRADE, c -> null);
    forgers.put(EcrFunction.QUERY, c -> approval(queryData("99.00")));
    sim.setFault(new Fault.Forge(forgers));
    String id = startPayment(terminal, "10.50", "wx");
    awaitPaymentStatus(id, "UNKNOWN");

    JsonPath forced =
        admin()
            .post("/api/v1/payments/" + id + "/reconcile")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(forced.getString("status")).isEqualTo("UNKNOWN");
    assertFlaggedNotSettled(id, "txamt");

    // reconciliation goes on: a query answer that binds settles it, confirmed by the query
    sim.setFault(new Fault.Forge(EcrFunction.QUERY, c -> approval(queryData("1050"))));
    JsonPath settled =
        admin()
            .post("/api/v1/payments/" + id + "/reconcile")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(settled.getString("status")).isEqualTo("SUCCEEDED");
    assertThat(settled.getString("confirmedBy")).isEqualTo("query");
    assertThat(settled.getBoolean("confirmationPending")).isTrue();
  }

  private static Map<String, Object> queryData(String txamt) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("respcd", "0000");
    d.put("syssn", "2026030200000000" + (System.nanoTime() % 10_000_000_000L));
    d.put("tradetp", "payment");
    d.put("txamt", txamt);
    d.put("txcurrcd", "HKD");
    return d;
  }
}

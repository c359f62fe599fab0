package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.app.support.SseClient;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.net.URI;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The payments list's filters (store, status, dates, amount range) and their 400s, the CSV export
 * of the same list within the key's scope, a payment's reconciliation trail, and the fleet-wide
 * event stream limited to the key's stores: against the simulated terminals.
 */
@QuarkusTest
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class PaymentListFiltersTest {
  @TestHTTPResource("/")
  URI base;

  private final SimulatedTerminal sim = SimulatorResource.terminal(2);
  private String storeA;
  private String storeB;
  private String terminalA;
  private String terminalB;
  private String small;
  private String large;
  private String other;

  /**
   * The payments of the class, made once (RestAssured knows the hub's port from the first test).
   */
  @BeforeEach
  void payments() {
    if (storeA != null) {
      return;
    }
    storeA = unique("fa");
    storeB = unique("fb");
    terminalA = register(storeA);
    terminalB = register(storeB);
    small = paid(terminalA, "12.30", "alipay");
    large = paid(terminalA, "99.99", "wx");
    other = paid(terminalB, "50.00", "alipay");
  }

  @Test
  void storeAndAmountFilters_listOnlyTheMatchingPayments() {
    assertThat(ids(Map.of("storeId", storeA))).containsExactly(large, small);
    assertThat(ids(Map.of("storeId", storeB))).containsExactly(other);
    assertThat(ids(Map.of("storeId", storeA, "minAmount", "50", "maxAmount", "99.99")))
        .containsExactly(large);
    assertThat(ids(Map.of("storeId", storeA, "maxAmount", "12.30", "currency", "HKD")))
        .containsExactly(small);
    assertThat(ids(Map.of("storeId", storeA, "minAmount", "100.00"))).isEmpty();
    assertThat(ids(Map.of("storeId", storeA, "currency", "USD"))).isEmpty();
    assertThat(
            ids(Map.of("storeId", storeA, "status", "SUCCEEDED", "from", "2020-01-01T00:00:00Z")))
        .containsExactly(large, small);
    assertThat(ids(Map.of("storeId", storeA, "to", "2020-01-01T00:00:00Z"))).isEmpty();
    assertThat(ids(Map.of("terminalId", terminalB, "minAmount", "0"))).containsExactly(other);
  }

  @Test
  void badFilters_are400WithACodeAndTheField() {
    refused(Map.of("from", "yesterday"), "INVALID_TIME", "from");
    refused(Map.of("minAmount", "ten"), "INVALID_AMOUNT", "minAmount");
    refused(Map.of("maxAmount", "1.234"), "INVALID_AMOUNT", "maxAmount");
    refused(Map.of("minAmount", "-1"), "INVALID_AMOUNT", "minAmount");
    refused(Map.of("minAmount", "5", "maxAmount", "1"), "INVALID_RANGE", "maxAmount");
    refused(
        Map.of("from", "2026-01-02T00:00:00Z", "to", "2026-01-01T00:00:00Z"),
        "INVALID_RANGE",
        "to");
    refused(Map.of("storeId", "no such store!"), "INVALID_STORE_ID", "storeId");
    refused(Map.of("currency", "hkdollar"), "INVALID_CURRENCY", "currency");
    admin()
        .queryParams(Map.of("minAmount", "ten"))
        .get("/api/v1/payments.csv")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("code", org.hamcrest.Matchers.equalTo("INVALID_AMOUNT"));
  }

  @Test
  void csvExport_holdsTheFilteredPaymentsExactly_withinTheKeysScope() {
    Response r = admin().queryParam("storeId", storeA).get("/api/v1/payments.csv");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.contentType()).startsWith("text/csv");
    assertThat(r.header("Content-Disposition")).contains("payments.csv");
    List<String> lines = r.asString().lines().toList();
    assertThat(lines.get(0)).isEqualTo(PaymentExportResource.HEADER);
    assertThat(lines).hasSize(3);
    assertThat(lines.get(1)).startsWith(large + ",").contains(",SUCCEEDED,99.99,HKD,0.00,wx,");
    assertThat(lines.get(2)).startsWith(small + ",").contains(",SUCCEEDED,12.30,HKD,0.00,alipay,");
    assertThat(lines.get(1)).contains("," + terminalA + ",");

    // a cashier of store B: store A's payments are not in its export, its own are
    String cashierB = createKey("cashier", Map.of("stores", List.of(storeB)));
    String theirs =
        as(cashierB).queryParam("storeId", storeA).get("/api/v1/payments.csv").asString();
    assertThat(theirs.lines().toList()).containsExactly(PaymentExportResource.HEADER);
    String own =
        as(cashierB).queryParam("minAmount", "50.00").get("/api/v1/payments.csv").asString();
    assertThat(own).contains(other + ",").doesNotContain(small).doesNotContain(large);
  }

  @Test
  void trail_saysWhatTheTerminalAnswered_andWhichRefundRoutesExist() {
    Response r = admin().get("/api/v1/payments/" + small + "/trail");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.jsonPath().getString("paymentId")).isEqualTo(small);
    assertThat(r.jsonPath().getString("confirmedBy")).startsWith("terminal");
    assertThat(r.jsonPath().getList("changes.to", String.class)).contains("SUCCEEDED");
    assertThat(r.jsonPath().getList("changes.reason", String.class)).doesNotContainNull();
    assertThat(r.jsonPath().getList("refundRoutes", String.class))
        .containsExactly("auto", "terminal");
    String cashierB = createKey("cashier", Map.of("stores", List.of(storeB)));
    as(cashierB).get("/api/v1/payments/" + small + "/trail").then().statusCode(403);
  }

  @Test
  void fleetStream_carriesOnlyTheEventsOfTheKeysStores() throws Exception {
    // terminals of its own: the other tests count store A's and B's payments
    String mine = unique("fc");
    String ownTerminal = register(mine);
    String elsewhereTerminal = register(unique("fd"));
    String cashierA = createKey("cashier", Map.of("stores", List.of(mine)));
    try (SseClient stream = SseClient.open(base.resolve("api/v1/events"), cashierA, null);
        SseClient all = SseClient.open(base.resolve("api/v1/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      String elsewhere = paid(elsewhereTerminal, "1.10", "alipay");
      String here = paid(ownTerminal, "2.20", "alipay");
      // the unscoped key hears the other store's payment; the store key's first event is its own
      assertThat(all.until("payment.succeeded").toString()).contains(elsewhere);
      SseClient.Event first = stream.next();
      assertThat(first.data()).contains(here).doesNotContain(elsewhere);
      assertThat(stream.until("payment.succeeded").toString())
          .contains(here)
          .doesNotContain(elsewhere);
    }
  }

  private List<String> ids(Map<String, String> query) {
    return admin()
        .queryParams(query)
        .get("/api/v1/payments")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items.id", String.class);
  }

  private static void refused(Map<String, String> query, String code, String field) {
    Response r = admin().queryParams(query).get("/api/v1/payments");
    assertThat(r.statusCode()).as(query.toString()).isEqualTo(400);
    assertThat(r.jsonPath().getString("code")).as(query.toString()).isEqualTo(code);
    assertThat(r.asString()).as(query.toString()).contains(field);
  }

  private String register(String store) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", unique("Filter "));
    body.put("host", sim.host());
    body.put("port", sim.httpsPort());
    body.put("transport", "HTTPS");
    body.put("posKey", sim.posKey());
    body.put("storeId", store);
    return admin().body(body).post("/api/v1/terminals").then().statusCode(201).extract().path("id");
  }

  private static String paid(String terminal, String amount, String channel) {
    String id = startPayment(terminal, amount, channel);
    awaitPaymentStatus(id, "SUCCEEDED");
    return id;
  }
}

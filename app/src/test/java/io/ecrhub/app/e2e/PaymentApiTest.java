package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.junit.QuarkusTest;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The payments API's contract: idempotency, validation, authorisation, listing. */
@QuarkusTest
class PaymentApiTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(1);

  private static Map<String, Object> body(String terminal, String amount, String channel) {
    Map<String, Object> b = new HashMap<>();
    b.put("terminalId", terminal);
    b.put("amount", amount);
    b.put("currency", "HKD");
    b.put("channel", channel);
    return b;
  }

  @Test
  void sameIdempotencyKeyAndBody_returnsTheSamePayment() {
    String terminal = registerSimulated(sim, null);
    String key = unique("idem-");
    String first =
        admin()
            .header("Idempotency-Key", key)
            .body(body(terminal, "6.00", "wx"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitPaymentStatus(first, "SUCCEEDED");

    admin()
        .header("Idempotency-Key", key)
        .body(body(terminal, "6.00", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(202)
        .body("id", equalTo(first))
        .body("status", equalTo("SUCCEEDED"));
    String outTradeNo =
        admin().get("/api/v1/payments/" + first).then().extract().path("outTradeNo");
    org.assertj.core.api.Assertions.assertThat(sim.transactions())
        .as("the terminal was asked once")
        .filteredOn(t -> outTradeNo.equals(t.outTradeNo()))
        .hasSize(1);
  }

  @Test
  void sameIdempotencyKeyWithAnotherBody_is409() {
    String terminal = registerSimulated(sim, null);
    String key = unique("idem-");
    String first =
        admin()
            .header("Idempotency-Key", key)
            .body(body(terminal, "6.00", "wx"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitPaymentStatus(first, "SUCCEEDED");
    admin()
        .header("Idempotency-Key", key)
        .body(body(terminal, "6.01", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(409)
        .body("code", equalTo("IDEMPOTENCY_CONFLICT"));
  }

  @Test
  void idempotencyKeysAreKeptApartPerApiKey() {
    String terminal = registerSimulated(sim, null);
    String key = unique("idem-");
    String cashierA = createKey("cashier", null);
    String cashierB = createKey("cashier", null);
    String a =
        as(cashierA)
            .header("Idempotency-Key", key)
            .body(body(terminal, "1.10", "wx"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitPaymentStatus(a, "SUCCEEDED");
    as(cashierB)
        .header("Idempotency-Key", key)
        .body(body(terminal, "1.10", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(202)
        .body("id", not(equalTo(a)));
  }

  @Test
  void overlongIdempotencyKey_is400() {
    String terminal = registerSimulated(sim, null);
    admin()
        .header("Idempotency-Key", "k".repeat(101))
        .body(body(terminal, "1.00", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(400)
        .body("field", equalTo("Idempotency-Key"));
  }

  @Test
  void invalidAmounts_are400NamingTheAmount() {
    String terminal = registerSimulated(sim, null);
    for (String bad : List.of("-5.00", "0.00", "10.555", "1e3", "ten", "")) {
      admin()
          .body(body(terminal, bad, "wx"))
          .post("/api/v1/payments")
          .then()
          .statusCode(400)
          .body("field", equalTo("amount"));
    }
  }

  @Test
  void amountAsJsonNumber_is400_amountsAreStrings() {
    String terminal = registerSimulated(sim, null);
    admin()
        .body(
            "{\"terminalId\":\""
                + terminal
                + "\",\"amount\":10.5,\"currency\":\"HKD\",\"channel\":\"wx\"}")
        .post("/api/v1/payments")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_FIELD_TYPE"))
        .body("field", equalTo("amount"))
        .body("detail", equalTo("amount must be a string"));
  }

  @Test
  void unknownChannel_is400() {
    String terminal = registerSimulated(sim, null);
    admin()
        .body(body(terminal, "1.00", "bitcoin"))
        .post("/api/v1/payments")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_CHANNEL"))
        .body("field", equalTo("channel"));
  }

  @Test
  void unknownCurrency_is400() {
    String terminal = registerSimulated(sim, null);
    Map<String, Object> b = body(terminal, "1.00", "wx");
    b.put("currency", "XYZ");
    admin().post("/api/v1/payments").then().statusCode(400);
    admin()
        .body(b)
        .post("/api/v1/payments")
        .then()
        .statusCode(400)
        .body("field", equalTo("currency"));
  }

  @Test
  void missingTerminal_is400_unknownTerminal_is404() {
    Map<String, Object> b = body(null, "1.00", "wx");
    b.remove("terminalId");
    admin()
        .body(b)
        .post("/api/v1/payments")
        .then()
        .statusCode(400)
        .body("field", equalTo("terminalId"));
    admin()
        .body(body("trm_nosuchterminal", "1.00", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(404)
        .body("code", equalTo("TERMINAL_NOT_FOUND"));
  }

  @Test
  void cardPaymentOnAPaxA920_is422BeforeAnythingIsSent() {
    String terminal = registerSimulated(sim, "PAX_A920");
    // the simulated terminal is shared with other tests whose exchanges may still be finishing:
    // look for this request's own amount rather than counting exchanges
    admin()
        .body(body(terminal, "7.31", "card_payment"))
        .post("/api/v1/payments")
        .then()
        .statusCode(422)
        .body("code", equalTo("CHANNEL_NOT_SUPPORTED"))
        .body("field", equalTo("channel"));
    org.assertj.core.api.Assertions.assertThat(sim.transactions())
        .as("nothing of 7.31 reached the terminal")
        .noneMatch(t -> t.amount().amount().compareTo(new java.math.BigDecimal("7.31")) == 0);
  }

  @Test
  void disabledTerminal_is409() {
    String terminal = registerSimulated(sim, null);
    admin()
        .body(Map.of("enabled", false))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(200);
    admin()
        .body(body(terminal, "1.00", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(409)
        .body("code", equalTo("TERMINAL_DISABLED"));
  }

  @Test
  void noKey_is401_outOfScope_is403() {
    String terminal = registerSimulated(sim, null);
    given()
        .contentType("application/json")
        .body(body(terminal, "1.00", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(401);
    String elsewhere = createKey("cashier", Map.of("stores", List.of(unique("s"))));
    as(elsewhere)
        .body(body(terminal, "1.00", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
    String id = startPayment(terminal, "1.00", "wx");
    as(elsewhere).get("/api/v1/payments/" + id).then().statusCode(403);
    as(elsewhere).post("/api/v1/payments/" + id + "/cancel").then().statusCode(403);
  }

  @Test
  void unknownPayment_is404() {
    admin()
        .get("/api/v1/payments/pay_nope")
        .then()
        .statusCode(404)
        .body("code", equalTo("PAYMENT_NOT_FOUND"));
    admin().get("/api/v1/payments/NOT VALID").then().statusCode(404);
    admin()
        .get("/api/v1/refunds/ref_nope")
        .then()
        .statusCode(404)
        .body("code", equalTo("REFUND_NOT_FOUND"));
  }

  @Test
  void list_filtersByTerminalAndStatus_andPages() {
    String terminal = registerSimulated(sim, null);
    String p1 = startPayment(terminal, "1.01", "wx");
    awaitPaymentStatus(p1, "SUCCEEDED");
    String p2 = startPayment(terminal, "1.02", "wx");
    awaitPaymentStatus(p2, "SUCCEEDED");
    String p3 = startPayment(terminal, "1.03", "wx");
    awaitPaymentStatus(p3, "SUCCEEDED");

    var page =
        admin()
            .queryParam("terminalId", terminal)
            .queryParam("status", "SUCCEEDED")
            .queryParam("limit", 2)
            .get("/api/v1/payments")
            .then()
            .statusCode(200)
            .body("items", hasSize(2))
            .body("items.id", equalTo(List.of(p3, p2)))
            .body("nextCursor", notNullValue())
            .extract();
    admin()
        .queryParam("terminalId", terminal)
        .queryParam("status", "SUCCEEDED")
        .queryParam("limit", 2)
        .queryParam("cursor", (String) page.path("nextCursor"))
        .get("/api/v1/payments")
        .then()
        .body("items.id", equalTo(List.of(p1)))
        .body("nextCursor", nullValue());
    admin()
        .queryParam("terminalId", terminal)
        .queryParam("status", "DECLINED")
        .get("/api/v1/payments")
        .then()
        .body("items", hasSize(0));
  }

  @Test
  void list_scopedKey_seesOnlyItsTerminals() {
    String mine = registerSimulated(sim, null);
    String other = registerSimulated(sim, null);
    String p1 = startPayment(mine, "1.04", "wx");
    awaitPaymentStatus(p1, "SUCCEEDED");
    String p2 = startPayment(other, "1.05", "wx");
    awaitPaymentStatus(p2, "SUCCEEDED");
    String key = createKey("cashier", Map.of("terminals", List.of(mine)));

    as(key)
        .queryParam("limit", 200)
        .get("/api/v1/payments")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(p1))
        .body("items.id", not(hasItem(p2)))
        .body("items.terminalId", everyItem(equalTo(mine)));
    as(key).queryParam("terminalId", other).get("/api/v1/payments").then().statusCode(403);
  }

  @Test
  void list_badFilters_are400() {
    admin()
        .queryParam("status", "DONE")
        .get("/api/v1/payments")
        .then()
        .statusCode(400)
        .body("field", equalTo("status"));
    admin()
        .queryParam("from", "yesterday")
        .get("/api/v1/payments")
        .then()
        .statusCode(400)
        .body("field", equalTo("from"));
  }
}

package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code GET /api/v1/payments/{id}/reconciliation}: access rules and a settled payment. */
@QuarkusTest
class ReconciliationResourceTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(1);

  @Test
  void settledPayment_isClosedWithNoNextAttempt_andCashiersInScopeMayReadIt() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "4.40", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");
    String cashier = createKey("cashier", Map.of("terminals", List.of(terminal)));

    as(cashier)
        .get("/api/v1/payments/" + id + "/reconciliation")
        .then()
        .statusCode(200)
        .body("paymentId", equalTo(id))
        .body("status", equalTo("SUCCEEDED"))
        .body("open", equalTo(false))
        .body("givenUp", equalTo(false))
        .body("nextAttemptAt", nullValue())
        .body("sentAt", notNullValue());
  }

  @Test
  void unknownPayment_is404_noKey401_outOfScope403() {
    admin()
        .get("/api/v1/payments/pay_nope/reconciliation")
        .then()
        .statusCode(404)
        .contentType("application/problem+json")
        .body("code", equalTo("PAYMENT_NOT_FOUND"));
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "1.20", "wx");
    given().get("/api/v1/payments/" + id + "/reconciliation").then().statusCode(401);
    String elsewhere = createKey("cashier", Map.of("stores", List.of(unique("s"))));
    as(elsewhere)
        .get("/api/v1/payments/" + id + "/reconciliation")
        .then()
        .statusCode(403)
        .body("code", equalTo("OUT_OF_SCOPE"));
  }
}

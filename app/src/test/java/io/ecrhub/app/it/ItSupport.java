package io.ecrhub.app.it;

import static io.restassured.RestAssured.given;

import io.ecrhub.simulator.SimulatedTerminal;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;

/** REST helpers against a {@link HubProcess}. */
final class ItSupport {
  private ItSupport() {}

  static RequestSpecification api(HubProcess hub) {
    return given()
        .baseUri(hub.baseUri())
        .header("Authorization", "Bearer " + HubProcess.ADMIN_KEY)
        .contentType(ContentType.JSON);
  }

  static String register(HubProcess hub, SimulatedTerminal sim) {
    Map<String, Object> body = new HashMap<>();
    body.put("name", "IT " + sim.id());
    body.put("host", sim.host());
    body.put("port", sim.httpsPort());
    body.put("transport", "HTTPS");
    body.put("posKey", sim.posKey());
    body.put("storeId", "it-" + UUID.randomUUID().toString().substring(0, 8));
    return api(hub)
        .body(body)
        .post("/api/v1/terminals")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static Map<String, Object> payment(String terminal, String amount) {
    return Map.of(
        "terminalId", terminal, "amount", amount, "currency", "HKD", "channel", "card_payment");
  }

  static String status(HubProcess hub, String paymentId) {
    return api(hub)
        .get("/api/v1/payments/" + paymentId)
        .then()
        .statusCode(200)
        .extract()
        .path("status");
  }

  /**
   * The hub's Prometheus metrics as text. The one place that knows where they are served: {@code
   * /q/metrics} on the management interface (ADR 0010).
   */
  static String metrics(HubProcess hub) {
    return given()
        .baseUri(hub.managementUri())
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  static void awaitStatus(HubProcess hub, String paymentId, String status, Duration atMost) {
    Awaitility.await()
        .atMost(atMost)
        .pollInterval(Duration.ofMillis(500))
        .until(() -> status.equals(status(hub, paymentId)));
  }
}

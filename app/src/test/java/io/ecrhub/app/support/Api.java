package io.ecrhub.app.support;

import static io.restassured.RestAssured.given;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.security.SecureRandom;
import java.util.Map;

/** REST Assured helpers: requests as the bootstrap admin, or as a key created for the test. */
public final class Api {
  /** The bootstrap admin key of the test profiles (application.properties). */
  public static final String ADMIN_KEY = "test-admin-key-0123456789abcdef";

  /** A POS key that is not QFPay's published default. */
  public static final String POS_KEY = "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6";

  private static final SecureRandom RANDOM = new SecureRandom();

  private Api() {}

  public static RequestSpecification as(String key) {
    return given().header("Authorization", "Bearer " + key).contentType(ContentType.JSON);
  }

  public static RequestSpecification admin() {
    return as(ADMIN_KEY);
  }

  /** A fresh token for names and store ids so tests never collide on a shared database. */
  public static String unique(String prefix) {
    return prefix + Long.toString(RANDOM.nextLong() & Long.MAX_VALUE, 36);
  }

  /** Registers a terminal as admin and returns its id. */
  public static String createTerminal(String storeId) {
    return createTerminal(storeId, null);
  }

  public static String createTerminal(String storeId, String model) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", unique("Till "));
    body.put("host", "127.0.0.1");
    body.put("transport", "HTTPS");
    body.put("posKey", POS_KEY);
    if (storeId != null) {
      body.put("storeId", storeId);
    }
    if (model != null) {
      body.put("model", model);
    }
    return admin().body(body).post("/api/v1/terminals").then().statusCode(201).extract().path("id");
  }

  /** Creates an API key as the bootstrap admin and returns the key itself. */
  public static String createKey(String role, Map<String, Object> scope) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", unique("key "));
    body.put("role", role);
    if (scope != null) {
      body.put("scope", scope);
    }
    return admin().body(body).post("/api/v1/api-keys").then().statusCode(201).extract().path("key");
  }

  /** Registers a terminal as admin at {@code host:port} and returns the hub's id. */
  public static String registerTerminal(
      String name, String host, int port, String transport, String posKey) {
    return admin()
        .body(
            Map.of(
                "name", name, "host", host, "port", port, "transport", transport, "posKey", posKey))
        .post("/api/v1/terminals")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  /** Registers simulated terminal {@code sim} (HTTPS) in the hub and returns the hub's id. */
  public static String registerSimulated(io.ecrhub.simulator.SimulatedTerminal sim, String model) {
    return registerSimulated(sim, unique("Sim "), unique("s"), model);
  }

  /**
   * Registers simulated terminal {@code sim} (HTTPS) as {@code name} in {@code store}, with {@code
   * model} unless null, and returns the hub's id.
   */
  public static String registerSimulated(
      io.ecrhub.simulator.SimulatedTerminal sim, String name, String store, String model) {
    Map<String, Object> body = new java.util.HashMap<>();
    body.put("name", name);
    body.put("host", sim.host());
    body.put("port", sim.httpsPort());
    body.put("transport", "HTTPS");
    body.put("posKey", sim.posKey());
    body.put("storeId", store);
    if (model != null) {
      body.put("model", model);
    }
    return admin().body(body).post("/api/v1/terminals").then().statusCode(201).extract().path("id");
  }

  /** Starts a payment as admin and returns its id. */
  public static String startPayment(String terminalId, String amount, String channel) {
    return admin()
        .body(
            Map.of(
                "terminalId", terminalId, "amount", amount, "currency", "HKD", "channel", channel))
        .post("/api/v1/payments")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /** Starts a refund of {@code paymentId} as admin with {@code body} and returns its id. */
  public static String startRefund(String paymentId, Map<String, ?> body) {
    return admin()
        .body(body)
        .post("/api/v1/payments/" + paymentId + "/refunds")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /** Waits (up to 60 s) until the refund reaches {@code status}. */
  public static void awaitRefundStatus(String refundId, String status) {
    awaitStatus("/api/v1/refunds/" + refundId, status);
  }

  /** Waits (up to 60 s) until the payment reaches {@code status}. */
  public static void awaitPaymentStatus(String paymentId, String status) {
    awaitStatus("/api/v1/payments/" + paymentId, status);
  }

  private static void awaitStatus(String path, String status) {
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(60))
        .pollInterval(java.time.Duration.ofMillis(200))
        .until(() -> status.equals(admin().get(path).then().extract().path("status")));
  }
}

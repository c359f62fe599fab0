package io.ecrhub.app.security;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every {@code /api/**} operation of the application (found in the compiled resource classes by
 * {@link ApiRoutes}, not listed by hand) called by every kind of caller, against the rule the
 * expectation table {@link #RULES} gives it. An operation missing from the table (a new endpoint)
 * or a table entry without an operation fails {@link #everyOperationHasARule}.
 */
@QuarkusTest
class AuthorizationMatrixTest {

  /** Who may call an operation. */
  enum Rule {
    /** Acts on the whole fleet: only an admin key without a scope. */
    UNSCOPED_ADMIN,
    /** An admin key whose scope covers the terminal the ids lead to. */
    ADMIN_IN_SCOPE,
    /** Any key whose scope covers the terminal the ids lead to. */
    ANY_KEY_IN_SCOPE,
    /** Any key; the answer lists only what the key's scope covers. */
    ANY_KEY_FILTERED,
    /** An admin key; the answer lists only what the key's scope covers. */
    ADMIN_FILTERED
  }

  /** The callers of the matrix. */
  enum Caller {
    NO_KEY,
    REVOKED_KEY,
    CASHIER_IN_SCOPE,
    CASHIER_OUT_OF_SCOPE,
    SCOPED_ADMIN,
    SCOPED_ADMIN_OUT_OF_SCOPE,
    UNSCOPED_ADMIN
  }

  /** The expectation table: every /api operation and its rule. */
  static final Map<String, Rule> RULES =
      Map.ofEntries(
          // API keys, secrets
          Map.entry("POST /api/v1/api-keys", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/api-keys", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/api-keys/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("DELETE /api/v1/api-keys/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/admin/secrets/reseal", Rule.UNSCOPED_ADMIN),
          // notification keys, inbox, webhooks
          Map.entry("GET /api/v1/notification-keys", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/notification-keys", Rule.UNSCOPED_ADMIN),
          Map.entry("DELETE /api/v1/notification-keys/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/notifications", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/notifications/summary", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/notifications/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/notifications/{id}/reapply", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/webhooks/subscriptions", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/webhooks/subscriptions", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/webhooks/subscriptions/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("PATCH /api/v1/webhooks/subscriptions/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("DELETE /api/v1/webhooks/subscriptions/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/webhooks/subscriptions/{id}/test", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/webhooks/subscriptions/{id}/rotate-secret", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/webhooks/deliveries", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/webhooks/deliveries/{id}", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/webhooks/deliveries/{id}/replay", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/webhooks/deliveries/replay", Rule.UNSCOPED_ADMIN),
          // MMS
          Map.entry("POST /api/v1/mms/imports", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/mms/imports/file", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/mms/pull", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/mms/pull", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/mms/held", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/mms/held/{id}/approve", Rule.UNSCOPED_ADMIN),
          Map.entry("POST /api/v1/mms/held/{id}/reject", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/mms/audit", Rule.UNSCOPED_ADMIN),
          // terminals
          // QFPay cloud accounts per store (ADR 0028)
          Map.entry("POST /api/v1/cloud-accounts", Rule.ADMIN_IN_SCOPE),
          Map.entry("GET /api/v1/cloud-accounts", Rule.ADMIN_FILTERED),
          Map.entry("GET /api/v1/cloud-accounts/{id}", Rule.ADMIN_IN_SCOPE),
          Map.entry("PUT /api/v1/cloud-accounts/{id}", Rule.ADMIN_IN_SCOPE),
          Map.entry("PATCH /api/v1/cloud-accounts/{id}", Rule.ADMIN_IN_SCOPE),
          Map.entry("DELETE /api/v1/cloud-accounts/{id}", Rule.ADMIN_IN_SCOPE),
          Map.entry("POST /api/v1/terminals", Rule.ADMIN_IN_SCOPE),
          Map.entry("GET /api/v1/terminals", Rule.ANY_KEY_FILTERED),
          Map.entry("GET /api/v1/terminals/{id}", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("PATCH /api/v1/terminals/{id}", Rule.ADMIN_IN_SCOPE),
          Map.entry("DELETE /api/v1/terminals/{id}", Rule.ADMIN_IN_SCOPE),
          Map.entry("GET /api/v1/terminals/{id}/certificate", Rule.ADMIN_IN_SCOPE),
          Map.entry("POST /api/v1/terminals/{id}/certificate/approve", Rule.ADMIN_IN_SCOPE),
          Map.entry("POST /api/v1/terminals/{id}/receipts", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("POST /api/v1/terminals/{id}/summary", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("GET /api/v1/terminals/{id}/events", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("POST /api/v1/terminals/{id}/diagnostics", Rule.ADMIN_IN_SCOPE),
          Map.entry("GET /api/v1/terminals/{id}/diagnostics/history", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("GET /api/v1/diagnostics", Rule.ANY_KEY_FILTERED),
          Map.entry("GET /api/v1/diagnostics/terminals", Rule.ANY_KEY_FILTERED),
          // the console's overview: any key, what its scope covers
          Map.entry("GET /api/v1/overview", Rule.ANY_KEY_FILTERED),
          // the daily statement: QFPay's records name no store, so the whole fleet only
          Map.entry("GET /api/v1/reports/settlement", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/reports/settlement/runs", Rule.UNSCOPED_ADMIN),
          Map.entry("GET /api/v1/reports/settlement/runs/{id}", Rule.UNSCOPED_ADMIN),
          // payments and refunds
          Map.entry("POST /api/v1/payments", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("GET /api/v1/payments", Rule.ANY_KEY_FILTERED),
          Map.entry("GET /api/v1/payments/{id}", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("POST /api/v1/payments/{id}/cancel", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("POST /api/v1/payments/{id}/reconcile", Rule.ADMIN_IN_SCOPE),
          Map.entry("POST /api/v1/payments/{id}/refunds", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("GET /api/v1/payments/{id}/refunds", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("GET /api/v1/payments/{id}/events", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("GET /api/v1/payments/{id}/reconciliation", Rule.ANY_KEY_IN_SCOPE),
          // the console's payments page and live overview (#17)
          Map.entry("GET /api/v1/payments.csv", Rule.ANY_KEY_FILTERED),
          Map.entry("GET /api/v1/payments/{id}/trail", Rule.ANY_KEY_IN_SCOPE),
          Map.entry("GET /api/v1/events", Rule.ANY_KEY_FILTERED),
          Map.entry("GET /api/v1/refunds/{id}", Rule.ANY_KEY_IN_SCOPE));

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @TestHTTPResource("/")
  URI base;

  private final SimulatedTerminal sim = SimulatorResource.terminal(3);

  @Test
  void everyOperationHasARule() {
    Set<String> found = ApiRoutes.operations();
    assertThat(found).as("the route scan found the API").hasSizeGreaterThan(40);
    assertThat(new TreeSet<>(found))
        .as("operations without an entry in the expectation table (add one)")
        .containsAll(new TreeSet<>(RULES.keySet()))
        .isEqualTo(new TreeSet<>(RULES.keySet()));
  }

  @TestFactory
  Stream<DynamicTest> everyOperationAnswersEveryCallerByItsRule() throws Exception {
    Fixture f = new Fixture();
    List<DynamicTest> tests = new ArrayList<>();
    for (String operation : new TreeSet<>(ApiRoutes.operations())) {
      Rule rule = RULES.get(operation);
      if (rule == null) {
        continue; // reported by everyOperationHasARule
      }
      for (Caller caller : Caller.values()) {
        tests.add(
            DynamicTest.dynamicTest(
                operation + " as " + caller + " (" + rule + ")",
                () -> check(f, operation, rule, caller)));
      }
    }
    return tests.stream();
  }

  /** What the matrix expects: a status and code, or null for "allowed" (not 401/403). */
  record Expected(int status, String code) {
    static final Expected ALLOWED = null;
  }

  static Expected expected(Rule rule, Caller caller) {
    switch (caller) {
      case NO_KEY:
        return new Expected(401, "UNAUTHENTICATED");
      case REVOKED_KEY:
        return new Expected(401, "INVALID_API_KEY");
      default:
        break;
    }
    boolean admin =
        caller == Caller.SCOPED_ADMIN
            || caller == Caller.SCOPED_ADMIN_OUT_OF_SCOPE
            || caller == Caller.UNSCOPED_ADMIN;
    boolean inScope =
        caller != Caller.CASHIER_OUT_OF_SCOPE && caller != Caller.SCOPED_ADMIN_OUT_OF_SCOPE;
    return switch (rule) {
      case UNSCOPED_ADMIN ->
          caller == Caller.UNSCOPED_ADMIN
              ? Expected.ALLOWED
              : new Expected(403, admin ? "UNSCOPED_ADMIN_REQUIRED" : "ADMIN_REQUIRED");
      case ADMIN_IN_SCOPE ->
          !admin
              ? new Expected(403, "ADMIN_REQUIRED")
              : inScope ? Expected.ALLOWED : new Expected(403, "OUT_OF_SCOPE");
      case ANY_KEY_IN_SCOPE -> inScope ? Expected.ALLOWED : new Expected(403, "OUT_OF_SCOPE");
      case ANY_KEY_FILTERED -> Expected.ALLOWED;
      case ADMIN_FILTERED -> admin ? Expected.ALLOWED : new Expected(403, "ADMIN_REQUIRED");
    };
  }

  private void check(Fixture f, String operation, Rule rule, Caller caller) throws Exception {
    Answer answer = call(f, operation, f.keys.get(caller));
    Expected want = expected(rule, caller);
    String what = operation + " as " + caller + " answered " + answer.status + " " + answer.body;
    if (want == Expected.ALLOWED) {
      assertThat(answer.status).as(what).isNotIn(401, 403, 500);
      boolean outOfScope =
          caller == Caller.CASHIER_OUT_OF_SCOPE || caller == Caller.SCOPED_ADMIN_OUT_OF_SCOPE;
      if ((rule == Rule.ANY_KEY_FILTERED || rule == Rule.ADMIN_FILTERED) && outOfScope) {
        assertThat(answer.body)
            .as(what + ": a listing shows nothing outside the key's scope")
            .doesNotContain(f.terminal)
            .doesNotContain(f.payment)
            .doesNotContain(f.cloudAccount)
            .doesNotContain(f.storeA);
      }
      return;
    }
    assertThat(answer.status).as(what).isEqualTo(want.status());
    assertThat(answer.contentType).as(what).startsWith("application/problem+json");
    assertThat(JSON.readTree(answer.body).path("code").asText()).as(what).isEqualTo(want.code());
  }

  record Answer(int status, String contentType, String body) {}

  private Answer call(Fixture f, String operation, String key) throws Exception {
    String method = operation.substring(0, operation.indexOf(' '));
    String template = operation.substring(operation.indexOf(' ') + 1);
    String path = f.path(method, template);
    String body = f.body(method, template);
    HttpRequest.Builder req =
        HttpRequest.newBuilder(base.resolve(path.substring(1))).timeout(Duration.ofSeconds(60));
    if (key != null) {
      req.header("Authorization", "Bearer " + key);
    }
    if (template.endsWith("/events")) {
      req.header("Accept", "text/event-stream");
    }
    if (template.equals("/api/v1/mms/imports")) {
      req.header("Content-Type", "text/csv");
    } else if (body != null) {
      req.header("Content-Type", "application/json");
    }
    req.method(
        method,
        body == null
            ? HttpRequest.BodyPublishers.noBody()
            : HttpRequest.BodyPublishers.ofString(body));
    HttpResponse<InputStream> r = HTTP.send(req.build(), HttpResponse.BodyHandlers.ofInputStream());
    String type = r.headers().firstValue("Content-Type").orElse("");
    String text;
    try (InputStream in = r.body()) {
      // an allowed event stream stays open: its head is the answer
      text =
          type.startsWith("text/event-stream")
              ? ""
              : new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    return new Answer(r.statusCode(), type, text);
  }

  /** Terminal, payment and refund in store A, and a key per caller. */
  final class Fixture {
    final String storeA = unique("a");
    final String storeB = unique("b");

    /** A second store of the in-scope keys: its cloud account is the one DELETE removes. */
    final String storeA2 = unique("a2");

    final String terminal;
    final String cloudAccount;
    final String payment;
    final String refund;
    final String someKeyId;
    final Map<Caller, String> keys = new HashMap<>();

    Fixture() {
      terminal = registerTerminal(storeA, sim.host(), sim.httpsPort(), sim.posKey());
      payment = Api.startPayment(terminal, "3.00", "wx");
      awaitPaymentStatus(payment, "SUCCEEDED");
      refund =
          admin()
              .body(Map.of("amount", "0.10"))
              .post("/api/v1/payments/" + payment + "/refunds")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      cloudAccount = cloudAccount(storeA);
      keys.put(Caller.CASHIER_IN_SCOPE, key("cashier", storeA, storeA2).key());
      keys.put(Caller.CASHIER_OUT_OF_SCOPE, key("cashier", storeB).key());
      keys.put(Caller.SCOPED_ADMIN, key("admin", storeA, storeA2).key());
      keys.put(Caller.SCOPED_ADMIN_OUT_OF_SCOPE, key("admin", storeB).key());
      keys.put(Caller.UNSCOPED_ADMIN, key("admin").key());
      NewKey revoked = key("admin");
      admin().delete("/api/v1/api-keys/" + revoked.id()).then().statusCode(200);
      keys.put(Caller.REVOKED_KEY, revoked.key());
      someKeyId = key("cashier").id();
    }

    /**
     * The path with its ids filled in: ids of store A's fixtures, or of a fresh thing to delete.
     */
    String path(String method, String template) {
      String id;
      if (template.startsWith("/api/v1/terminals/{id}")) {
        id =
            method.equals("DELETE")
                ? registerTerminal(storeA, "127.0.0.1", 8443, Api.POS_KEY)
                : terminal;
      } else if (template.startsWith("/api/v1/payments/{id}")) {
        id = payment;
      } else if (template.startsWith("/api/v1/refunds/{id}")) {
        id = refund;
      } else if (template.startsWith("/api/v1/cloud-accounts/{id}")) {
        id = method.equals("DELETE") ? cloudAccountOf(storeA2) : cloudAccount;
      } else if (template.startsWith("/api/v1/api-keys/{id}")) {
        id = method.equals("DELETE") ? key("cashier").id() : someKeyId;
      } else {
        id = "none_" + unique("");
      }
      String path = template.replace("{id}", id);
      if (template.equals("/api/v1/mms/imports")) {
        path += "?partial=true&name=matrix";
      } else if (template.equals("/api/v1/webhooks/deliveries/replay")) {
        path += "?subscriptionId=sub_none";
      }
      return path;
    }

    /** A request body the operation accepts, or one it refuses as invalid: never an auth matter. */
    String body(String method, String template) throws Exception {
      if (!method.equals("POST") && !method.equals("PATCH") && !method.equals("PUT")) {
        return null;
      }
      Object body =
          switch (template) {
            case "/api/v1/terminals" ->
                Map.of(
                    "name",
                    unique("Till "),
                    "host",
                    "127.0.0.1",
                    "transport",
                    "HTTPS",
                    "posKey",
                    Api.POS_KEY,
                    "storeId",
                    storeA);
            case "/api/v1/terminals/{id}" -> Map.of("name", unique("Till "));
            // store A has its account: an admin in scope is told 409, never 401/403
            case "/api/v1/cloud-accounts" -> cloudAccountBody(storeA);
            case "/api/v1/cloud-accounts/{id}" ->
                Map.of("environment", "sandbox", "appCode", "MATRIX01");
            case "/api/v1/payments" ->
                Map.of(
                    "terminalId", terminal, "amount", "1.00", "currency", "HKD", "channel", "wx");
            case "/api/v1/payments/{id}/refunds" -> Map.of("amount", "0.01");
            case "/api/v1/terminals/{id}/receipts" -> Map.of("paymentId", payment);
            case "/api/v1/api-keys" -> Map.of("name", unique("matrix "), "role", "cashier");
            case "/api/v1/mms/imports" -> "sn,pos key,https,encryption\n";
            default -> Map.of();
          };
      return body instanceof String s ? s : JSON.writeValueAsString(body);
    }

    private static Map<String, Object> cloudAccountBody(String store) {
      return Map.of(
          "storeId",
          store,
          "environment",
          "sandbox",
          "appCode",
          "MATRIX01",
          "clientKey",
          "matrix-client-key-01");
    }

    private String cloudAccount(String store) {
      return admin()
          .body(cloudAccountBody(store))
          .post("/api/v1/cloud-accounts")
          .then()
          .statusCode(201)
          .extract()
          .path("id");
    }

    /** The cloud account of {@code store}, added when it has none (DELETE removes it). */
    private String cloudAccountOf(String store) {
      List<String> ids =
          admin()
              .get("/api/v1/cloud-accounts?storeId=" + store)
              .then()
              .statusCode(200)
              .extract()
              .path("items.id");
      return ids.isEmpty() ? cloudAccount(store) : ids.getFirst();
    }

    private NewKey key(String role, String... stores) {
      Map<String, Object> body = new HashMap<>();
      body.put("name", unique("matrix "));
      body.put("role", role);
      if (stores.length > 0) {
        body.put("scope", Map.of("stores", List.of(stores)));
      }
      var created = admin().body(body).post("/api/v1/api-keys").then().statusCode(201).extract();
      return new NewKey(created.path("id"), created.path("key"));
    }
  }

  record NewKey(String id, String key) {}

  static String registerTerminal(String store, String host, int port, String posKey) {
    return admin()
        .body(
            Map.of(
                "name", unique("Till "),
                "host", host,
                "port", port,
                "transport", "HTTPS",
                "posKey", posKey,
                "storeId", store))
        .post("/api/v1/terminals")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}

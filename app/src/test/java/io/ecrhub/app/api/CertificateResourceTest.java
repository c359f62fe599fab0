package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import java.security.cert.X509Certificate;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Approving a terminal's changed TLS certificate, end to end over HTTPS: a simulated terminal of
 * its own (same test CA as the shared ones, so the hub trusts it) changes its leaf; the hub refuses
 * to pay until an admin approves exactly that leaf.
 */
@QuarkusTest
class CertificateResourceTest {
  private TerminalSimulator own;
  private SimulatedTerminal sim;

  @BeforeEach
  void startOwnTerminal() {
    own = SimulatorResource.ownTerminal("cert-sim");
    sim = own.terminal(0);
  }

  @AfterEach
  void stopOwnTerminal() {
    own.close();
  }

  @Test
  void changedLeaf_isRefusedUntilApproved_thenPaymentsSucceed() throws Exception {
    String terminal = registerSimulated(sim, "LANDI_A8");
    String first = sha256(sim.currentLeaf());

    String paid = startPayment(terminal, "1.00", "card_payment");
    awaitPaymentStatus(paid, "SUCCEEDED");
    admin()
        .get("/api/v1/terminals/" + terminal + "/certificate")
        .then()
        .statusCode(200)
        .body("terminalId", equalTo(terminal))
        .body("pinned.sha256", equalTo(first))
        .body("pinned.subjectAltNames", hasItem("127.0.0.1"))
        .body("pinned.notAfter", notNullValue())
        .body("pinnedAt", notNullValue())
        .body("pending", nullValue());

    String changed = sha256(sim.rotateCertificate());
    String refused = startPayment(terminal, "2.00", "card_payment");
    awaitPaymentStatus(refused, "FAILED"); // NotSent: the request never left the hub
    admin()
        .get("/api/v1/payments/" + refused)
        .then()
        .body("failureCode", equalTo("CERTIFICATE_PROBLEM"))
        .body("terminalResponseCode", equalTo("CERTIFICATE_CHANGED"))
        .body("failureMessage", containsString(changed));
    assertThat(sim.transactions()).hasSize(1); // nothing reached the terminal
    admin()
        .get("/api/v1/terminals/" + terminal)
        .then()
        .body("status", equalTo("CERTIFICATE_CHANGED"));
    admin()
        .get("/api/v1/terminals/" + terminal + "/certificate")
        .then()
        .statusCode(200)
        .body("pinned.sha256", equalTo(first))
        .body("pending.sha256", equalTo(changed))
        .body("pending.subjectAltNames", hasItem("127.0.0.1"))
        .body("pending.notBefore", notNullValue())
        .body("pendingSince", notNullValue());

    admin()
        .body(Map.of("fingerprint", first))
        .post("/api/v1/terminals/" + terminal + "/certificate/approve")
        .then()
        .statusCode(409)
        .contentType("application/problem+json")
        .body("code", equalTo("CERTIFICATE_FINGERPRINT_MISMATCH"))
        .body("field", equalTo("fingerprint"))
        .body("detail", containsString(changed));
    admin()
        .body(Map.of("fingerprint", colons(changed).toLowerCase(java.util.Locale.ROOT)))
        .post("/api/v1/terminals/" + terminal + "/certificate/approve")
        .then()
        .statusCode(200)
        .body("pinned.sha256", equalTo(changed))
        .body("pending", nullValue());

    String after = startPayment(terminal, "3.00", "card_payment");
    awaitPaymentStatus(after, "SUCCEEDED");
    assertThat(sim.transactions()).hasSize(2);
    admin()
        .body(Map.of("fingerprint", changed))
        .post("/api/v1/terminals/" + terminal + "/certificate/approve")
        .then()
        .statusCode(409)
        .body("code", equalTo("NO_PENDING_CERTIFICATE"));
  }

  @Test
  void terminalNeverReached_hasNoPinAndNothingToApprove() {
    String terminal = registerSimulated(sim, "LANDI_A8");

    admin()
        .get("/api/v1/terminals/" + terminal + "/certificate")
        .then()
        .statusCode(200)
        .body("pinned", nullValue())
        .body("pending", nullValue());
    admin()
        .body(Map.of("fingerprint", "AB".repeat(32)))
        .post("/api/v1/terminals/" + terminal + "/certificate/approve")
        .then()
        .statusCode(409)
        .body("code", equalTo("NO_PENDING_CERTIFICATE"));
  }

  @Test
  void badInput_unknownTerminal_andCashiers_areRefused() {
    String terminal = registerSimulated(sim, "LANDI_A8");
    String approve = "/api/v1/terminals/" + terminal + "/certificate/approve";

    admin()
        .body(Map.of("fingerprint", "not-hex"))
        .post(approve)
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_FINGERPRINT"))
        .body("field", equalTo("fingerprint"));
    admin()
        .body(Map.of("fingerprint", "AB".repeat(20)))
        .post(approve)
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_FINGERPRINT"));
    admin()
        .body(Map.of())
        .post(approve)
        .then()
        .statusCode(400)
        .body("field", equalTo("fingerprint"));
    admin().body("{\"fingerprint\": 42}").post(approve).then().statusCode(400);
    admin()
        .get("/api/v1/terminals/no-such-terminal/certificate")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    admin()
        .body(Map.of("fingerprint", "AB".repeat(32)))
        .post("/api/v1/terminals/no-such-terminal/certificate/approve")
        .then()
        .statusCode(404);
    String cashier = createKey("cashier", null);
    as(cashier)
        .get("/api/v1/terminals/" + terminal + "/certificate")
        .then()
        .statusCode(403)
        .body("code", equalTo("ADMIN_REQUIRED"));
    as(cashier)
        .body(Map.of("fingerprint", "AB".repeat(32)))
        .post(approve)
        .then()
        .statusCode(403)
        .body("code", equalTo("ADMIN_REQUIRED"));
    io.restassured.RestAssured.given()
        .get("/api/v1/terminals/" + terminal + "/certificate")
        .then()
        .statusCode(401);
  }

  @Test
  void endpointsAreInTheOpenApiDocument() {
    io.ecrhub.app.support.ManagementInterface.given()
        .get("/q/openapi?format=json")
        .then()
        .statusCode(200)
        .body("paths.'/api/v1/terminals/{id}/certificate'.get", notNullValue())
        .body(
            "paths.'/api/v1/terminals/{id}/certificate/approve'.post.responses.'409'",
            notNullValue());
  }

  private static String sha256(X509Certificate c) throws Exception {
    return Fingerprint.sha256(c.getEncoded()).hex();
  }

  private static String colons(String hex) {
    return new Fingerprint(hex).colonSeparated();
  }
}

package io.ecrhub.app.demo;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ManageApiKeys;
import io.ecrhub.domain.access.Scope;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Demo mode registers its embedded simulated terminals, and a payment on one goes through; its
 * private keys are owner-only and its earlier admin keys are revoked.
 */
@QuarkusTest
@TestProfile(DemoModeTest.Demo.class)
class DemoModeTest {

  /**
   * The test configuration plus demo mode, with the demo CA in a temporary directory and a database
   * of its own: demo mode refuses PostgreSQL and a registry holding other terminals (DemoGuard), so
   * it runs on a fresh in-memory H2 in the PostgreSQL run of the suite too.
   */
  public static class Demo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path pki = Files.createTempDirectory("ecrhub-demo-pki");
        String h2 =
            "jdbc:h2:mem:ecrhub-demo-"
                + UUID.randomUUID()
                + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH";
        Map<String, String> m = new HashMap<>();
        m.put("ecrhub.demo", "true");
        m.put("ecrhub.demo-mode.terminals", "2");
        m.put("ecrhub.demo-mode.card-wait", "0s");
        m.put("ecrhub.demo-mode.pki-dir", pki.toString());
        for (String profile : List.of("", "%test.", "%pg.")) {
          m.put(profile + "ecrhub.db.url", h2);
          m.put(profile + "ecrhub.db.user", "ecrhub");
          m.put(profile + "ecrhub.db.password", "");
        }
        return m;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Inject DemoMode demoMode;
  @Inject HubConfig config;

  @Inject DemoSimulator simulator;
  @Inject ManageApiKeys keys;

  @Test
  void demoTerminalsAreRegistered_andTakeAPaymentOverHttps() {
    List<String> ids =
        admin()
            .queryParam("storeId", "demo-store")
            .get("/api/v1/terminals")
            .then()
            .statusCode(200)
            .body("items", hasSize(2))
            .body("items[0].transport", equalTo("HTTPS"))
            .extract()
            .path("items.id");

    String payment = startPayment(ids.get(0), "10.50", "card_payment");
    awaitPaymentStatus(payment, "SUCCEEDED");
    assertThat(simulator.terminals()).anyMatch(t -> !t.transactions().isEmpty());
  }

  @Test
  void demoCa_isKeptForTheNextStart() {
    assertThat(simulator.caFile()).hasValueSatisfying(f -> assertThat(f).exists());
  }

  /** The demo CA's private key is written owner read/write only (0600). */
  @Test
  void demoCaPrivateKey_isOwnerReadWriteOnly() throws IOException {
    Path key = config.demoMode().pkiDir().resolve("ca-key.pem");
    assertThat(key).exists();
    Assumptions.assumeTrue(
        Files.getFileStore(key).supportsFileAttributeView(PosixFileAttributeView.class));
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
        .isEqualTo("rw-------");
  }

  /** Each demo start revokes the admin keys the earlier ones printed. */
  @Test
  void aDemoStart_revokesTheAdminKeysOfEarlierStarts() {
    ManageApiKeys.Created earlier =
        keys.create(DemoMode.DEMO_KEY_NAME, io.ecrhub.domain.access.Role.ADMIN, Scope.ALL);
    as(earlier.plaintext()).get("/api/v1/terminals").then().statusCode(200);

    assertThat(demoMode.revokeEarlierDemoKeys()).isGreaterThanOrEqualTo(1);

    as(earlier.plaintext()).get("/api/v1/terminals").then().statusCode(401);
    admin().get("/api/v1/terminals").then().statusCode(200); // other keys are left alone
  }
}

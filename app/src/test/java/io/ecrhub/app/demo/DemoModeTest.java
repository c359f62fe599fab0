package io.ecrhub.app.demo;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Demo mode registers its embedded simulated terminals, and a payment on one goes through. */
@QuarkusTest
@TestProfile(DemoModeTest.Demo.class)
class DemoModeTest {

  /** The test configuration plus demo mode, with the demo CA in a temporary directory. */
  public static class Demo implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Path pki = Files.createTempDirectory("ecrhub-demo-pki");
        return Map.of(
            "ecrhub.demo", "true",
            "ecrhub.demo-mode.terminals", "2",
            "ecrhub.demo-mode.card-wait", "0s",
            "ecrhub.demo-mode.pki-dir", pki.toString());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  @Inject DemoSimulator simulator;

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
}

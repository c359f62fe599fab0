package io.ecrhub.app.it;

import static io.ecrhub.app.it.ItSupport.api;
import static io.ecrhub.app.it.ItSupport.payment;
import static io.ecrhub.app.it.ItSupport.register;
import static io.ecrhub.app.it.ItSupport.status;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.restassured.response.Response;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Graceful drain at process level (ADR 0024): a packaged hub asked to stop (SIGTERM, as Kubernetes
 * and systemd do) while a payment waits 8 s for the card keeps serving, answers new payments 503
 * {@code HUB_DRAINING} with {@code Retry-After}, reports itself not ready, lets the payment finish
 * and only then exits by itself. The payment is SUCCEEDED the moment the process is gone (read
 * through a second hub on the same database, which never had to take it over) and the terminal saw
 * the trade once.
 */
class DrainIT {
  @TempDir Path work;
  private SharedDatabase shared;
  private SimulatedTerminal sim;
  private HubProcess hubA;
  private HubProcess hubB;

  @BeforeEach
  void start() throws Exception {
    shared = new SharedDatabase(work, "drain", "drain-1", Duration.ofSeconds(8));
    sim = shared.simulator.terminal(0);
    Map<String, String> env = shared.env();
    env.put("ECRHUB_SHUTDOWN_DRAIN", "45s");
    hubA = HubProcess.start("hub-a", work, env);
    hubB = HubProcess.start("hub-b", work, shared.env());
  }

  @AfterEach
  void stop() {
    hubA.close();
    hubB.close();
    shared.close();
  }

  @Test
  void sigtermDuringTheCardWait_refusesNewPayments_finishesTheOneInFlight_thenExits()
      throws Exception {
    String terminal = register(hubA, sim);
    String id =
        api(hubA)
            .body(payment(terminal, "23.40"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await().atMost(Duration.ofSeconds(20)).until(() -> sim.inFlight().isPresent());

    hubA.terminate();

    // while it drains it still answers: a new payment is refused, never started
    AtomicReference<Response> refused = new AtomicReference<>();
    await()
        .atMost(Duration.ofSeconds(5))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> {
              Response r = api(hubA).body(payment(terminal, "1.00")).post("/api/v1/payments");
              refused.set(r);
              return r.statusCode() == 503;
            });
    assertThat(refused.get().<String>path("code")).isEqualTo("HUB_DRAINING");
    assertThat(refused.get().header("Retry-After")).isNotBlank();
    int readiness =
        given().baseUri(hubA.managementUri()).get("/q/health/ready").then().extract().statusCode();
    assertThat(readiness).as("readiness while draining").isEqualTo(503);
    assertThat(status(hubA, id)).as("still in flight while draining").isEqualTo("IN_PROGRESS");

    assertThat(hubA.exitsWithin(Duration.ofSeconds(60))).as("hub A exits by itself").isTrue();

    assertThat(status(hubB, id)).as("settled by A before it exited").isEqualTo("SUCCEEDED");
    assertThat(sim.transactions())
        .as("the terminal saw the trade once, and never the refused one")
        .hasSize(1);
    assertThat(sim.transactions().getFirst().status()).isEqualTo(SimTransaction.Status.APPROVED);
  }
}

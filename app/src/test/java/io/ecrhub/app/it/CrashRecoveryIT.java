package io.ecrhub.app.it;

import static io.ecrhub.app.it.ItSupport.api;
import static io.ecrhub.app.it.ItSupport.awaitStatus;
import static io.ecrhub.app.it.ItSupport.payment;
import static io.ecrhub.app.it.ItSupport.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hub is killed while the terminal waits for the card, then started again: the payment ends in
 * the state the terminal really reached, learned by querying it, and is never sent twice.
 */
class CrashRecoveryIT {
  @TempDir Path work;
  private TerminalSimulator simulator;
  private SimulatedTerminal sim;
  private Path ca;

  @BeforeEach
  void startTerminal() throws Exception {
    simulator =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .host("127.0.0.1")
                .terminal(
                    TerminalConfig.builder("crash-1").cardWait(Duration.ofMinutes(10)).build())
                .build());
    sim = simulator.terminal(0);
    ca = simulator.writeCaPem(work.resolve("simulator-ca.pem"));
  }

  @AfterEach
  void stopTerminal() {
    simulator.close();
  }

  private Map<String, String> env() {
    return env("3s");
  }

  /**
   * @param readMargin added to the payment timeout for the trade's read timeout and twice to the
   *     terminal lease (lease = connect + payment timeout + 2 x margin)
   */
  private Map<String, String> env(String readMargin) {
    Map<String, String> env =
        HubProcess.database(
            "jdbc:h2:file:"
                + work.resolve("db/ecrhub").toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    env.put("ECRHUB_TERMINAL_EXTRA_CA_FILES", ca.toString());
    env.put("ECRHUB_TERMINAL_PAYMENT_TIMEOUT", "30s");
    env.put("ECRHUB_TERMINAL_PAYMENT_READ_MARGIN", readMargin);
    env.put("ECRHUB_TERMINAL_CONNECT_TIMEOUT", "3s");
    env.put("ECRHUB_TERMINAL_READ_TIMEOUT", "5s");
    return env;
  }

  /** Starts a payment on hub A, waits until the terminal holds it for the card, kills hub A. */
  private String paymentInterruptedByACrash(Map<String, String> env) throws Exception {
    String id;
    try (HubProcess hubA = HubProcess.start("hub-a", work, env)) {
      String terminal = register(hubA, sim);
      id =
          api(hubA)
              .body(payment(terminal, "42.00"))
              .post("/api/v1/payments")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      await().atMost(Duration.ofSeconds(120)).until(() -> sim.inFlight().isPresent());
      hubA.kill();
    }
    return id;
  }

  /**
   * The same hub (same instance id) comes back: it releases the lease it held before the crash at
   * start-up (expired or not: leases live 15 s unless renewed, ADR 0019) and reconciles at once.
   */
  @Test
  void cardPresentedWhileTheHubWasDown_paymentEndsSucceededAfterRestart() throws Exception {
    Map<String, String> env = env("10m");
    String id = paymentInterruptedByACrash(env);
    assertThat(sim.presentCard()).isTrue();
    SimTransaction approved = sim.transactions().get(0);
    assertThat(approved.status()).isEqualTo(SimTransaction.Status.APPROVED);

    try (HubProcess hubA = HubProcess.start("hub-a", work, env)) {
      awaitStatus(hubA, id, "SUCCEEDED", Duration.ofSeconds(150));
      String syssn =
          api(hubA).get("/api/v1/payments/" + id).then().extract().path("qfpayTransactionId");
      assertThat(syssn).isEqualTo(approved.syssn());
      assertThat(hubA.output())
          .anyMatch(l -> l.contains("released 1 terminal lease(s) this instance held"));
    }
    assertThat(sim.transactions()).as("the payment was sent once").hasSize(1);
  }

  /** Another instance takes the payment over once the crashed instance's lease has expired. */
  @Test
  void noCardWhileTheHubWasDown_paymentEndsDeclinedAfterRestart() throws Exception {
    String id = paymentInterruptedByACrash(env());
    // the terminal gives up after the 30 s payment timeout (status 1181, expired)
    await()
        .atMost(Duration.ofSeconds(180))
        .until(() -> sim.transactions().get(0).status() == SimTransaction.Status.TIMED_OUT);

    try (HubProcess hubB = HubProcess.start("hub-b", work, env())) {
      awaitStatus(hubB, id, "DECLINED", Duration.ofSeconds(150));
    }
    assertThat(sim.transactions()).as("the payment was sent once").hasSize(1);
  }
}

package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.PrintJob;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Idempotency-Key on the POSTs that move money or print (refund, cancel, receipt, summary): a retry
 * with the same key and request gets the first answer and the terminal is asked once; another
 * request under the same key is 409. Over the REST API against a simulated terminal of its own.
 */
@QuarkusTest
class IdempotencyApiTest {
  private static TerminalSimulator simulator;
  private static SimulatedTerminal sim;

  /** A terminal whose merchant takes USD: its answers name USD (ADR 0007 binds them). */
  private static SimulatedTerminal usdSim;

  @BeforeAll
  static void startTerminal() {
    simulator =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .host("127.0.0.1")
                .ca(SimulatorResource.simulator().ca())
                .terminal(TerminalConfig.builder(unique("idem-")).build())
                .terminal(TerminalConfig.builder(unique("idem-usd-")).currency("USD").build())
                .build());
    sim = simulator.terminal(0);
    usdSim = simulator.terminal(1);
  }

  @AfterAll
  static void stopTerminal() {
    simulator.close();
  }

  private static long sent(int funcType) {
    return sent(sim, funcType);
  }

  private static long sent(SimulatedTerminal terminal, int funcType) {
    return terminal.exchanges().stream().filter(e -> e.funcType() == funcType).count();
  }

  private static long printed(PrintJob.Kind kind) {
    return sim.receipts().stream().filter(j -> j.kind() == kind).count();
  }

  private static String paid(String terminal, String amount) {
    String id = startPayment(terminal, amount, "alipay");
    awaitPaymentStatus(id, "SUCCEEDED");
    return id;
  }

  @Test
  void retriedRefund_returnsTheFirstRefund_andTheTerminalRefundsOnce() {
    String terminal = registerSimulated(sim, null);
    String payment = paid(terminal, "20.00");
    String key = unique("refund-");
    long before = sent(1002);

    String first =
        admin()
            .header("Idempotency-Key", key)
            .body(Map.of("amount", "5.00"))
            .post("/api/v1/payments/" + payment + "/refunds")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "SUCCEEDED"
                    .equals(
                        admin().get("/api/v1/refunds/" + first).then().extract().path("status")));

    admin()
        .header("Idempotency-Key", key)
        .body(Map.of("amount", "5.00"))
        .post("/api/v1/payments/" + payment + "/refunds")
        .then()
        .statusCode(202)
        .body("id", equalTo(first))
        .body("status", equalTo("SUCCEEDED"));
    assertThat(sent(1002)).as("the terminal was asked to refund once").isEqualTo(before + 1);
    admin().get("/api/v1/payments/" + payment + "/refunds").then().body("size()", equalTo(1));

    admin()
        .header("Idempotency-Key", key)
        .body(Map.of("amount", "6.00"))
        .post("/api/v1/payments/" + payment + "/refunds")
        .then()
        .statusCode(409)
        .body("code", equalTo("IDEMPOTENCY_CONFLICT"));
    assertThat(sent(1002)).isEqualTo(before + 1);

    admin()
        .header("Idempotency-Key", unique("refund-"))
        .body(Map.of("amount", "5.00"))
        .post("/api/v1/payments/" + payment + "/refunds")
        .then()
        .statusCode(202)
        .body("id", not(equalTo(first)));
  }

  @Test
  void aRefundRefusedBeforeSending_releasesItsKey_soTheRetryRefunds() {
    String terminal = registerSimulated(usdSim, null);
    admin()
        .body(Map.of("currencies", java.util.List.of("HKD", "USD")))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(200);
    String payment =
        admin()
            .body(
                Map.of(
                    "terminalId", terminal, "amount", "8.00", "currency", "USD", "channel", "wx"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitPaymentStatus(payment, "SUCCEEDED");
    admin()
        .body(Map.of("currencies", java.util.List.of("HKD")))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(200);
    String key = unique("refund-");
    long before = sent(usdSim, 1002);

    admin()
        .header("Idempotency-Key", key)
        .body(Map.of())
        .post("/api/v1/payments/" + payment + "/refunds")
        .then()
        .statusCode(422)
        .body("code", equalTo("CURRENCY_NOT_SUPPORTED"));
    assertThat(sent(usdSim, 1002)).isEqualTo(before);

    admin()
        .body(Map.of("currencies", java.util.List.of("HKD", "USD")))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(200);
    admin()
        .header("Idempotency-Key", key)
        .body(Map.of())
        .post("/api/v1/payments/" + payment + "/refunds")
        .then()
        .statusCode(202);
    await().atMost(Duration.ofSeconds(60)).until(() -> sent(usdSim, 1002) == before + 1);
  }

  @Test
  void retriedCancel_returnsTheFirstAnswer_andSendsOneCancelRequest() {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    try {
      String payment = startPayment(terminal, "3.00", "card_payment");
      await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
      String key = unique("cancel-");
      long before = sent(5001);

      admin()
          .header("Idempotency-Key", key)
          .post("/api/v1/payments/" + payment + "/cancel")
          .then()
          .statusCode(202)
          .body("id", equalTo(payment));
      awaitPaymentStatus(payment, "CANCELLED");
      admin()
          .header("Idempotency-Key", key)
          .post("/api/v1/payments/" + payment + "/cancel")
          .then()
          .statusCode(202)
          .body("id", equalTo(payment))
          .body("status", equalTo("CANCELLED"));

      assertThat(sent(5001)).as("one cancel request").isEqualTo(before + 1);
    } finally {
      sim.setCardWait(Duration.ZERO);
    }
  }

  @Test
  void retriedReceipt_printsOnce_andAnotherPaymentUnderTheKeyIs409() {
    String terminal = registerSimulated(sim, null);
    String payment = paid(terminal, "4.00");
    String other = paid(terminal, "5.00");
    String key = unique("receipt-");
    long before = printed(PrintJob.Kind.RECEIPT);

    for (int i = 0; i < 2; i++) {
      admin()
          .header("Idempotency-Key", key)
          .body(Map.of("paymentId", payment))
          .post("/api/v1/terminals/" + terminal + "/receipts")
          .then()
          .statusCode(200)
          .body("result", equalTo("DONE"));
    }
    assertThat(printed(PrintJob.Kind.RECEIPT)).as("printed once").isEqualTo(before + 1);

    admin()
        .header("Idempotency-Key", key)
        .body(Map.of("paymentId", other))
        .post("/api/v1/terminals/" + terminal + "/receipts")
        .then()
        .statusCode(409)
        .body("code", equalTo("IDEMPOTENCY_CONFLICT"));
    assertThat(printed(PrintJob.Kind.RECEIPT)).isEqualTo(before + 1);
  }

  @Test
  void retriedSummary_printsOnce() {
    String terminal = registerSimulated(sim, null);
    String key = unique("summary-");
    long before = printed(PrintJob.Kind.SUMMARY);

    for (int i = 0; i < 3; i++) {
      admin()
          .header("Idempotency-Key", key)
          .post("/api/v1/terminals/" + terminal + "/summary")
          .then()
          .statusCode(200);
    }
    assertThat(printed(PrintJob.Kind.SUMMARY)).as("printed once").isEqualTo(before + 1);
  }

  @Test
  void aPrintThatReachedNoTerminal_releasesItsKey_soTheRetryPrints() throws Exception {
    int closedPort;
    try (java.net.ServerSocket s =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    String terminal = registerSimulated(sim, null);
    admin()
        .body(Map.of("port", closedPort))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(200);
    String key = unique("summary-");
    long before = printed(PrintJob.Kind.SUMMARY);

    admin()
        .header("Idempotency-Key", key)
        .post("/api/v1/terminals/" + terminal + "/summary")
        .then()
        .statusCode(503)
        .body("code", equalTo("TERMINAL_UNREACHABLE"));

    admin()
        .body(Map.of("port", sim.httpsPort()))
        .patch("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(200);
    admin()
        .header("Idempotency-Key", key)
        .post("/api/v1/terminals/" + terminal + "/summary")
        .then()
        .statusCode(200);
    assertThat(printed(PrintJob.Kind.SUMMARY)).isEqualTo(before + 1);
  }

  @Test
  void aKeyTooLong_is400() {
    String terminal = registerSimulated(sim, null);
    admin()
        .header("Idempotency-Key", "k".repeat(101))
        .post("/api/v1/terminals/" + terminal + "/summary")
        .then()
        .statusCode(400)
        .body("code", equalTo("INVALID_IDEMPOTENCY_KEY"));
  }
}

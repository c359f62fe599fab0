package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.app.support.SseClient;
import io.ecrhub.simulator.Fault;
import io.ecrhub.simulator.PrintJob;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Whole payments through the hub against a simulated terminal over HTTPS. */
@QuarkusTest
class PaymentFlowTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(0);

  @TestHTTPResource("/")
  URI base;

  /**
   * Waits until the payment has been UNKNOWN, read from its event history rather than by polling
   * its status: the scheduled reconciliation may settle it between two polls.
   */
  private void awaitUnknownInItsHistory(String id) throws Exception {
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/payments/" + id + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.until("payment.unknown")).isNotEmpty();
    }
  }

  @AfterEach
  void resetSimulator() {
    sim.setFault(Fault.none());
    sim.setCardWait(Duration.ZERO);
    sim.setRefundWait(Duration.ZERO);
  }

  @Test
  void cardPayment_isAcceptedThenSucceedsWithTheTerminalsTransaction() {
    String terminal = registerSimulated(sim, "LANDI_A8");

    var accepted =
        admin()
            .body(
                Map.of(
                    "terminalId", terminal,
                    "amount", "10.50",
                    "currency", "HKD",
                    "channel", "card_payment",
                    "reference", "ORDER-42"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/payments/pay_"))
            .body("status", equalTo("IN_PROGRESS"))
            .body("amount", equalTo("10.50"))
            .body("outTradeNo", containsString("ORDER-42"))
            .extract();
    String id = accepted.path("id");

    awaitPaymentStatus(id, "SUCCEEDED");
    var done =
        admin()
            .get("/api/v1/payments/" + id)
            .then()
            .statusCode(200)
            .body("qfpayTransactionId", notNullValue())
            .body("cardScheme", notNullValue())
            .body("maskedCardNumber", containsString("*"))
            .body("refundedAmount", equalTo("0.00"))
            .extract();
    SimTransaction onTerminal = sim.transaction(done.path("qfpayTransactionId")).orElseThrow();
    assertThat(onTerminal.outTradeNo()).isEqualTo(accepted.path("outTradeNo"));
    assertThat(onTerminal.status()).isEqualTo(SimTransaction.Status.APPROVED);
    assertThat(onTerminal.amount().toPlainString()).isEqualTo("10.50");
  }

  @Test
  void declinedByTheTerminal_endsDeclinedWithTheReason() {
    String terminal = registerSimulated(sim, null);
    sim.declineNext("insufficient funds");
    String id = startPayment(terminal, "7.00", "card_payment");
    awaitPaymentStatus(id, "DECLINED");
    admin()
        .get("/api/v1/payments/" + id)
        .then()
        .body("failureCode", equalTo("DECLINED_BY_TERMINAL"))
        .body("terminalResponseCode", equalTo("6002"));
  }

  @Test
  void secondPaymentWhileTheCardWaitRuns_isTerminalBusy() {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String first = startPayment(terminal, "1.00", "card_payment");

    admin()
        .body(Map.of("terminalId", terminal, "amount", "2.00", "currency", "HKD", "channel", "wx"))
        .post("/api/v1/payments")
        .then()
        .statusCode(409)
        .header("Retry-After", equalTo("5"))
        .body("code", equalTo("TERMINAL_BUSY"));

    await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
    assertThat(sim.presentCard()).isTrue();
    awaitPaymentStatus(first, "SUCCEEDED");
  }

  @Test
  void nextPaymentRightAfterTheOutcomeIsSeen_isAcceptedNotTerminalBusy() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "1.00", "alipay");
    for (int round = 1; round <= 5; round++) {
      pollUntil("/api/v1/payments/" + id, "SUCCEEDED");
      // startPayment asserts 202: the lease was freed with the outcome the GET just showed
      id = startPayment(terminal, round + ".00", "alipay");
    }
    pollUntil("/api/v1/payments/" + id, "SUCCEEDED");

    for (int round = 1; round <= 3; round++) {
      String refund =
          admin()
              .body(Map.of("amount", "0.50"))
              .post("/api/v1/payments/" + id + "/refunds")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      pollUntil("/api/v1/refunds/" + refund, "SUCCEEDED");
      id = startPayment(terminal, "6.0" + round, "alipay");
      pollUntil("/api/v1/payments/" + id, "SUCCEEDED");
    }
  }

  /** Polls {@code path} without pause until its status is {@code status} (60 s ceiling). */
  private static void pollUntil(String path, String status) {
    await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(1))
        .until(() -> status.equals(admin().get(path).then().extract().path("status")));
  }

  @Test
  void cancel_sendsTheCancelRequestAndThePaymentEndsCancelled() {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String id = startPayment(terminal, "3.00", "card_payment");
    await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());

    admin().post("/api/v1/payments/" + id + "/cancel").then().statusCode(202);

    awaitPaymentStatus(id, "CANCELLED");
    assertThat(sim.exchanges()).anyMatch(e -> e.funcType() == 5001);
  }

  @Test
  void cancelOfAFinishedPayment_is409() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "3.00", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");
    admin()
        .post("/api/v1/payments/" + id + "/cancel")
        .then()
        .statusCode(409)
        .body("code", equalTo("PAYMENT_NOT_CANCELLABLE"));
  }

  @Test
  void partialWalletRefund_succeedsAndReducesTheRefundable() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "20.00", "alipay");
    awaitPaymentStatus(id, "SUCCEEDED");

    String refund =
        admin()
            .body(Map.of("amount", "5.00"))
            .post("/api/v1/payments/" + id + "/refunds")
            .then()
            .statusCode(202)
            .header("Location", containsString("/api/v1/refunds/"))
            .body("paymentId", equalTo(id))
            .body("amount", equalTo("5.00"))
            .extract()
            .path("id");

    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                "SUCCEEDED"
                    .equals(
                        admin().get("/api/v1/refunds/" + refund).then().extract().path("status")));
    admin().get("/api/v1/refunds/" + refund).then().body("qfpayTransactionId", notNullValue());
    admin().get("/api/v1/payments/" + id).then().body("refundedAmount", equalTo("5.00"));
    admin()
        .get("/api/v1/payments/" + id + "/refunds")
        .then()
        .statusCode(200)
        .body("[0].id", equalTo(refund));
  }

  @Test
  void refundAboveTheRefundable_is422WithAnExplanation() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "20.00", "alipay");
    awaitPaymentStatus(id, "SUCCEEDED");
    admin()
        .body(Map.of("amount", "25.00"))
        .post("/api/v1/payments/" + id + "/refunds")
        .then()
        .statusCode(422)
        .body("code", equalTo("REFUND_EXCEEDS_REFUNDABLE"))
        .body("detail", containsString("refundable"));
  }

  @Test
  void partialCardRefund_is422_cardRefundsMustBeFull() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "20.00", "card_payment");
    awaitPaymentStatus(id, "SUCCEEDED");
    admin()
        .body(Map.of("amount", "5.00"))
        .post("/api/v1/payments/" + id + "/refunds")
        .then()
        .statusCode(422)
        .body("code", equalTo("CARD_REFUND_MUST_BE_FULL"))
        .body("title", equalTo("Unprocessable Content"));
  }

  @Test
  void octopusRefund_is422NotSupported() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "8.00", "octopus");
    awaitPaymentStatus(id, "SUCCEEDED");
    admin()
        .post("/api/v1/payments/" + id + "/refunds")
        .then()
        .statusCode(422)
        .body("code", equalTo("REFUND_NOT_SUPPORTED"));
  }

  @Test
  void fullRefundWithoutAmount_refundsEverything() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "12.30", "card_payment");
    awaitPaymentStatus(id, "SUCCEEDED");
    admin()
        .post("/api/v1/payments/" + id + "/refunds")
        .then()
        .statusCode(202)
        .body("amount", equalTo("12.30"));
  }

  @Test
  void receiptAndSummary_printOnTheTerminal() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "4.00", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");
    String syssn =
        admin().get("/api/v1/payments/" + id).then().extract().path("qfpayTransactionId");

    admin()
        .body(Map.of("paymentId", id))
        .post("/api/v1/terminals/" + terminal + "/receipts")
        .then()
        .statusCode(200)
        .body("result", equalTo("DONE"));
    admin().post("/api/v1/terminals/" + terminal + "/summary").then().statusCode(200);

    assertThat(sim.receipts())
        .anyMatch(p -> p.kind() == PrintJob.Kind.RECEIPT && syssn.equals(p.syssn()))
        .anyMatch(p -> p.kind() == PrintJob.Kind.SUMMARY);
  }

  @Test
  void lostAnswer_isUnknownThenSettledByQueryingTheTerminal() throws Exception {
    String terminal = registerSimulated(sim, null);
    sim.setFault(Fault.dropAfterApprove());
    String id = startPayment(terminal, "9.90", "card_payment");

    awaitUnknownInItsHistory(id);
    sim.setFault(Fault.none());
    awaitPaymentStatus(id, "SUCCEEDED");
    admin().get("/api/v1/payments/" + id).then().body("qfpayTransactionId", notNullValue());
    assertThat(sim.exchanges()).anyMatch(e -> e.funcType() == 4001);
  }

  @Test
  void operatorForcedQuery_settlesAnUnknownPaymentAtOnce() throws Exception {
    String terminal = registerSimulated(sim, null);
    sim.setFault(Fault.dropAfterApprove());
    String id = startPayment(terminal, "7.70", "card_payment");
    awaitUnknownInItsHistory(id);
    sim.setFault(Fault.none());

    // The scheduled reconciliation may query first (it runs every few seconds here); either way the
    // answer is a definite one from the terminal. The forced path alone, with the schedule off, is
    // ForcedQueryConsoleTest.
    admin()
        .post("/api/v1/payments/" + id + "/reconcile")
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"))
        .body("qfpayTransactionId", notNullValue());
    assertThat(sim.transactions())
        .filteredOn(t -> t.amount().toPlainString().equals("7.70"))
        .hasSize(1);
  }

  @Test
  void loggedOutApp_failsThePaymentAndMarksTheTerminal() {
    String terminal = registerSimulated(sim, null);
    sim.setFault(Fault.loggedOut());
    String id = startPayment(terminal, "2.50", "wx");
    await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                !"IN_PROGRESS"
                    .equals(admin().get("/api/v1/payments/" + id).then().extract().path("status")));
    admin().get("/api/v1/payments/" + id).then().body("status", equalTo("FAILED"));
    admin().get("/api/v1/terminals/" + terminal).then().body("status", equalTo("LOGGED_OUT"));
    // drift a payment reveals is audited as drift found by diagnostics is
    List<String> drift =
        admin()
            .get("/api/v1/mms/audit?limit=500")
            .then()
            .statusCode(200)
            .extract()
            .path("findAll { it.terminalId == '" + terminal + "' && it.action == 'DRIFT' }.detail");
    assertThat(drift).singleElement().asString().startsWith("LOGGED_OUT");
  }

  @Test
  void deletingATerminalWithAPaymentInFlight_is409() {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String id = startPayment(terminal, "6.60", "card_payment");
    admin()
        .delete("/api/v1/terminals/" + terminal)
        .then()
        .statusCode(409)
        .body("code", equalTo("TERMINAL_IN_USE"));
    await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
    sim.presentCard();
    awaitPaymentStatus(id, "SUCCEEDED");
    admin().delete("/api/v1/terminals/" + terminal).then().statusCode(204);
  }

  @Test
  void receiptOfAPaymentWithoutTransaction_orFromAnotherTerminal_is422() {
    String terminal = registerSimulated(sim, null);
    String other = registerSimulated(sim, null);
    sim.declineNext("declined");
    String declined = startPayment(terminal, "3.30", "wx");
    awaitPaymentStatus(declined, "DECLINED");
    admin()
        .body(Map.of("paymentId", declined))
        .post("/api/v1/terminals/" + terminal + "/receipts")
        .then()
        .statusCode(422)
        .body("code", equalTo("NOTHING_TO_PRINT"));
    String paid = startPayment(terminal, "3.40", "wx");
    awaitPaymentStatus(paid, "SUCCEEDED");
    admin()
        .body(Map.of("paymentId", paid))
        .post("/api/v1/terminals/" + other + "/receipts")
        .then()
        .statusCode(422)
        .body("code", equalTo("PAYMENT_ON_OTHER_TERMINAL"));
    admin()
        .body(Map.of())
        .post("/api/v1/terminals/" + terminal + "/receipts")
        .then()
        .statusCode(400)
        .body("field", equalTo("paymentId"));
  }

  @Test
  void printWhileAPaymentIsInFlight_isTerminalBusy() {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String id = startPayment(terminal, "6.70", "card_payment");
    admin()
        .post("/api/v1/terminals/" + terminal + "/summary")
        .then()
        .statusCode(409)
        .header("Retry-After", equalTo("5"))
        .body("code", equalTo("TERMINAL_BUSY"));
    await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
    sim.presentCard();
    awaitPaymentStatus(id, "SUCCEEDED");
  }

  @Test
  void metrics_countRoundTripsAndPaymentsByOutcome() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "1.23", "card_payment");
    awaitPaymentStatus(id, "SUCCEEDED");
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                io.ecrhub.app.support.ManagementInterface.given()
                    .get("/q/metrics")
                    .then()
                    .statusCode(200)
                    .body(
                        containsString(
                            "ecrhub_terminal_round_trip_seconds_count{command=\"pay\",outcome=\"approved\"}"))
                    .body(containsString("ecrhub_payments_total{outcome=\"succeeded\"}"))
                    .body(containsString("ecrhub_payments_unknown "))
                    .body(containsString("ecrhub_reconciliation_attempts_total")));
  }
}

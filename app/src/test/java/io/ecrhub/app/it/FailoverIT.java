package io.ecrhub.app.it;

import static io.ecrhub.app.it.ItSupport.api;
import static io.ecrhub.app.it.ItSupport.awaitStatus;
import static io.ecrhub.app.it.ItSupport.payment;
import static io.ecrhub.app.it.ItSupport.register;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.support.SseClient;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failover in seconds (ADR 0019): two packaged hubs on one database, hub A drives a payment with a
 * 10 s card wait and is killed (SIGKILL) 2 s in, under a new pod name it never comes back as. Hub B
 * finds A's lease expired (15 s, no longer renewed), queries the terminal and settles the payment
 * SUCCEEDED within 30 s of the kill; the terminal saw the trade exactly once, and B's event stream
 * (opened before the kill) showed the settlement. The same for a refund.
 */
class FailoverIT {
  @TempDir Path work;
  private SharedDatabase shared;
  private SimulatedTerminal sim;
  private HubProcess hubA;
  private HubProcess hubB;

  @BeforeEach
  void start() throws Exception {
    shared = new SharedDatabase(work, "failover", "failover-1", Duration.ofSeconds(10));
    sim = shared.simulator.terminal(0);
    hubA = HubProcess.start("hub-a", work, shared.env());
    hubB = HubProcess.start("hub-b", work, shared.env());
  }

  @AfterEach
  void stop() {
    hubA.close();
    hubB.close();
    shared.close();
  }

  /** Hub B's event stream of one payment (and its refunds), from its first event. */
  private SseClient streamOnB(String paymentId) throws Exception {
    SseClient stream =
        SseClient.open(
            URI.create(hubB.baseUri() + "/api/v1/payments/" + paymentId + "/events"),
            HubProcess.ADMIN_KEY,
            null);
    assertThat(stream.status()).isEqualTo(200);
    return stream;
  }

  /** The id of what a 202 answer accepted. */
  private static String accepted(Response r) {
    return r.then().statusCode(202).extract().path("id");
  }

  @Test
  void hubKilledDuringTheCardWait_otherHubSettlesItWithin30s_sentOnce() throws Exception {
    String terminal = register(hubA, sim);
    Instant sent = Instant.now();
    String id = accepted(api(hubA).body(payment(terminal, "12.30")).post("/api/v1/payments"));
    await().atMost(Duration.ofSeconds(10)).until(() -> sim.inFlight().isPresent());
    SseClient stream = streamOnB(id);
    await().pollDelay(Duration.between(Instant.now(), sent.plusSeconds(2)).abs()).until(() -> true);
    hubA.kill();
    Instant killed = Instant.now();

    awaitStatus(hubB, id, "SUCCEEDED", Duration.ofSeconds(30));
    Duration took = Duration.between(killed, Instant.now());
    try (stream) {
      List<SseClient.Event> events = stream.until("payment.succeeded");
      SseClient.Event settled = events.get(events.size() - 1);
      assertThat(settled.data())
          .as("B's stream showed the settlement")
          .contains("\"paymentId\":\"" + id + "\"")
          .contains("\"to\":\"SUCCEEDED\"");
      assertThat(events).extracting(SseClient.Event::name).contains("payment.in_progress");
    }

    assertThat(took).isLessThan(Duration.ofSeconds(30));
    assertThat(sim.transactions()).as("the terminal saw the trade once").hasSize(1);
    SimTransaction trade = sim.transactions().get(0);
    assertThat(trade.status()).isEqualTo(SimTransaction.Status.APPROVED);
    String syssn =
        api(hubB).get("/api/v1/payments/" + id).then().extract().path("qfpayTransactionId");
    assertThat(syssn).isEqualTo(trade.syssn());
    System.out.println("FailoverIT: settled by hub B " + took.toMillis() + " ms after the kill");
  }

  @Test
  void hubKilledDuringARefund_otherHubSettlesItWithin30s_sentOnce() throws Exception {
    String terminal = register(hubA, sim);
    sim.setCardWait(Duration.ZERO);
    String paymentId =
        accepted(api(hubA).body(payment(terminal, "45.60")).post("/api/v1/payments"));
    awaitStatus(hubA, paymentId, "SUCCEEDED", Duration.ofSeconds(30));
    sim.setRefundWait(Duration.ofSeconds(10));
    String refundId =
        accepted(
            api(hubA)
                .body(Map.of("amount", "45.60"))
                .post("/api/v1/payments/" + paymentId + "/refunds"));
    SseClient stream = streamOnB(paymentId);
    await().pollDelay(Duration.ofSeconds(2)).until(() -> true);
    hubA.kill();
    Instant killed = Instant.now();

    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(500))
        .until(
            () ->
                "SUCCEEDED"
                    .equals(
                        api(hubB)
                            .get("/api/v1/refunds/" + refundId)
                            .then()
                            .extract()
                            .path("status")));
    Duration took = Duration.between(killed, Instant.now());
    try (stream) {
      List<SseClient.Event> events = stream.until("refund.succeeded");
      assertThat(events.get(events.size() - 1).data())
          .as("B's stream showed the refund's settlement")
          .contains("\"refundId\":\"" + refundId + "\"")
          .contains("\"to\":\"SUCCEEDED\"");
    }

    assertThat(
            sim.transactions().stream().filter(t -> t.kind() == SimTransaction.Kind.REFUND).count())
        .as("the terminal saw the refund once")
        .isEqualTo(1);
    System.out.println(
        "FailoverIT: refund settled by hub B " + took.toMillis() + " ms after the kill");
  }
}

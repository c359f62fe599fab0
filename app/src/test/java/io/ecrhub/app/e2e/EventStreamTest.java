package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.app.support.SseClient;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-Sent Events of payments and terminals, resumable with Last-Event-ID. */
@QuarkusTest
class EventStreamTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(2);

  @TestHTTPResource("/")
  URI base;

  @AfterEach
  void reset() {
    sim.setCardWait(Duration.ZERO);
  }

  @Test
  void paymentStream_deliversEveryStateChange_andResumesAfterLastEventId() throws Exception {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String id = startPayment(terminal, "5.55", "card_payment");

    List<SseClient.Event> firstPart;
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/payments/" + id + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      firstPart = stream.until("payment.in_progress");
      await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
      sim.presentCard();
      SseClient.Event succeeded = stream.next();
      assertThat(succeeded.name()).isEqualTo("payment.succeeded");
      assertThat(succeeded.data())
          .contains("\"paymentId\":\"" + id + "\"")
          .contains("\"to\":\"SUCCEEDED\"");
      assertThat(Long.parseLong(succeeded.id()))
          .isGreaterThan(Long.parseLong(firstPart.get(firstPart.size() - 1).id()));
    }
    assertThat(firstPart).extracting(SseClient.Event::name).startsWith("payment.pending");

    String afterInProgress = firstPart.get(firstPart.size() - 1).id();
    try (SseClient resumed =
        SseClient.open(
            base.resolve("api/v1/payments/" + id + "/events"), ADMIN_KEY, afterInProgress)) {
      SseClient.Event next = resumed.next();
      assertThat(next.name()).isEqualTo("payment.succeeded");
    }
  }

  @Test
  void terminalStream_deliversTheEventsOfPaymentsOnThatTerminal() throws Exception {
    String terminal = registerSimulated(sim, null);
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/terminals/" + terminal + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      String id = startPayment(terminal, "2.22", "wx");
      List<SseClient.Event> events = stream.until("payment.succeeded");
      assertThat(events).allSatisfy(e -> assertThat(e.data()).contains(id));
      awaitPaymentStatus(id, "SUCCEEDED");
    }
  }

  @Test
  void streamOfAnUnknownPayment_is404_andWithoutKey_is401() throws Exception {
    try (SseClient s =
        SseClient.open(base.resolve("api/v1/payments/pay_unknown/events"), ADMIN_KEY, null)) {
      assertThat(s.status()).isEqualTo(404);
    }
    try (SseClient s =
        SseClient.open(base.resolve("api/v1/payments/pay_unknown/events"), "nope", null)) {
      assertThat(s.status()).isEqualTo(401);
    }
  }
}

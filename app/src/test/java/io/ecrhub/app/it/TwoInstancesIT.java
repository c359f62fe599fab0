package io.ecrhub.app.it;

import static io.ecrhub.app.it.ItSupport.api;
import static io.ecrhub.app.it.ItSupport.awaitStatus;
import static io.ecrhub.app.it.ItSupport.payment;
import static io.ecrhub.app.it.ItSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.SseClient;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two hub processes share one database (PostgreSQL with the pg profile, else an H2 server) and
 * receive payments for the same terminal at once: the database lease lets exactly one drive the
 * terminal at a time, the other answers TERMINAL_BUSY, and the terminal never sees an overlap. Hub
 * B's event stream of the terminal shows the payments hub A drove (ADR 0025: signalled by
 * LISTEN/NOTIFY on PostgreSQL, polled on H2); the delay is logged, not asserted.
 */
class TwoInstancesIT {
  @TempDir Path work;
  private SharedDatabase shared;
  private SimulatedTerminal sim;
  private final List<HubProcess> hubs = new ArrayList<>();
  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    shared = new SharedDatabase(work, "twohubs", "shared-1", Duration.ofMillis(800));
    sim = shared.simulator.terminal(0);
    hubs.add(HubProcess.start("hub-a", work, shared.env()));
    hubs.add(HubProcess.start("hub-b", work, shared.env()));
    pool = Executors.newFixedThreadPool(8);
  }

  @AfterEach
  void stop() {
    // the hubs' warnings and errors, for a failure's diagnosis
    for (HubProcess hub : hubs) {
      hub.output().stream()
          .filter(l -> l.contains("WARN") || l.contains("ERROR"))
          .limit(200)
          .forEach(l -> System.out.println("[" + hub + "] " + l));
    }
    pool.shutdownNow();
    hubs.forEach(HubProcess::close);
    shared.close();
  }

  @Test
  void paymentsRacingThroughTwoHubs_neverOverlapOnTheTerminal() throws Exception {
    String terminal = register(hubs.get(0), sim);
    SseClient streamOnB =
        SseClient.open(
            URI.create(hubs.get(1).baseUri() + "/api/v1/terminals/" + terminal + "/events"),
            HubProcess.ADMIN_KEY,
            null);
    assertThat(streamOnB.status()).isEqualTo(200);
    List<String> accepted = new ArrayList<>();
    boolean[] acceptedBy = new boolean[2];
    int busy = 0;
    for (int round = 0; round < 20 && !(acceptedBy[0] && acceptedBy[1]); round++) {
      CountDownLatch go = new CountDownLatch(1);
      List<Future<Response>> calls = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        HubProcess hub = hubs.get(i % 2);
        String amount = "1." + String.format("%02d", (round * 8 + i) % 100);
        calls.add(
            pool.submit(
                () -> {
                  go.await();
                  return api(hub).body(payment(terminal, amount)).post("/api/v1/payments");
                }));
      }
      go.countDown();
      for (int i = 0; i < calls.size(); i++) {
        Response r = calls.get(i).get(60, TimeUnit.SECONDS);
        if (r.statusCode() == 202) {
          accepted.add(r.path("id"));
          acceptedBy[i % 2] = true;
          awaitStatus(hubs.get(i % 2), r.path("id"), "SUCCEEDED", Duration.ofSeconds(180));
        } else {
          assertThat(r.statusCode()).isEqualTo(409);
          assertThat(r.<String>path("code")).isEqualTo("TERMINAL_BUSY");
          busy++;
        }
      }
    }

    assertThat(acceptedBy).as("both hubs drove the terminal").containsExactly(true, true);
    assertThat(busy).as("concurrent requests were refused").isPositive();
    List<SimTransaction> onTerminal =
        sim.transactions().stream()
            .filter(t -> t.kind() == SimTransaction.Kind.PAYMENT)
            .sorted(Comparator.comparing(SimTransaction::createdAt))
            .toList();
    assertThat(onTerminal).hasSize(accepted.size());
    assertThat(onTerminal).allMatch(t -> t.status() == SimTransaction.Status.APPROVED);
    for (int i = 1; i < onTerminal.size(); i++) {
      assertThat(onTerminal.get(i).createdAt())
          .as("payment %d started after payment %d ended", i, i - 1)
          .isAfterOrEqualTo(onTerminal.get(i - 1).completedAt());
    }

    try (streamOnB) {
      // one more payment on A, the terminal idle: B's stream shows its settlement
      String last =
          api(hubs.get(0))
              .body(payment(terminal, "2.00"))
              .post("/api/v1/payments")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      SseClient.Event settled;
      do {
        settled = streamOnB.next();
      } while (!(settled.name().equals("payment.succeeded") && settled.data().contains(last)));
      Instant seen = Instant.now();
      Matcher at = OCCURRED_AT.matcher(settled.data());
      assertThat(at.find()).isTrue();
      System.out.printf(
          "TwoInstancesIT: hub B's stream showed hub A's settlement %d ms after it occurred (%s)%n",
          Duration.between(Instant.parse(at.group(1)), seen).toMillis(),
          HubProcess.onPostgres() ? "PostgreSQL, LISTEN/NOTIFY" : "H2, polled");
    }
  }

  private static final Pattern OCCURRED_AT = Pattern.compile("\"occurredAt\":\"([^\"]+)\"");
}

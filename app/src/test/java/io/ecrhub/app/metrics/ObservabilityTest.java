package io.ecrhub.app.metrics;

import static io.ecrhub.app.support.Api.POS_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ecrhub.app.support.ManagementInterface;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

/**
 * ADR 0027 against the running hub and the simulator over real sockets: a payment counts its
 * outcome in {@code /q/metrics} (management interface) and is a trace span; every request has an
 * id, in its response header, its problem documents and its log lines; the Grafana dashboard charts
 * only metrics the hub has.
 */
@QuarkusTest
@TestProfile(ObservabilityTest.Tracing.class)
class ObservabilityTest {
  /** Tracing on (as an operator turns it on), spans to the tests' in-memory exporter. */
  public static class Tracing implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.otel.sdk.disabled", "false");
    }
  }

  // the value may be followed by an exemplar (trace and span id) while tracing is on
  private static final Pattern SUCCEEDED =
      Pattern.compile("(?m)^ecrhub_payments_total\\{outcome=\"succeeded\"\\} ([0-9.E+-]+)");

  private final SimulatedTerminal sim = SimulatorResource.terminal(0);

  @Inject InMemorySpanExporter spans;

  @Inject DeliveryBacklog backlog;

  private static double succeeded() {
    Matcher m = SUCCEEDED.matcher(ManagementInterface.metrics());
    assertThat(m.find()).as("ecrhub_payments_total{outcome=\"succeeded\"} in /q/metrics").isTrue();
    return Double.parseDouble(m.group(1));
  }

  private String pay(String requestId) {
    String terminal = registerSimulated(sim, null);
    return admin()
        .header("X-Request-Id", requestId)
        .body(
            Map.of(
                "terminalId",
                terminal,
                "amount",
                "2.34",
                "currency",
                "HKD",
                "channel",
                "card_payment"))
        .post("/api/v1/payments")
        .then()
        .statusCode(202)
        .header("X-Request-Id", requestId)
        .extract()
        .path("id");
  }

  @Test
  void aPaymentThroughTheSimulator_countsItsOutcome_andIsASpanWithoutSecrets() {
    double before = succeeded();
    String id = pay("obs-pay-" + System.nanoTime());
    awaitPaymentStatus(id, "SUCCEEDED");

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(() -> assertThat(succeeded()).isGreaterThanOrEqualTo(before + 1));

    await()
        .atMost(Duration.ofSeconds(30))
        .untilAsserted(
            () ->
                assertThat(ecrSpans())
                    .anySatisfy(
                        s -> {
                          assertThat(s.getName()).isEqualTo("ecr pay");
                          assertThat(
                                  s.getAttributes().get(AttributeKey.longKey("ecrhub.func_type")))
                              .isNotNull();
                          assertThat(
                                  s.getAttributes().get(AttributeKey.stringKey("ecrhub.transport")))
                              .isEqualTo("https");
                          assertThat(
                                  s.getAttributes().get(AttributeKey.stringKey("ecrhub.outcome")))
                              .isEqualTo("approved");
                        }));
    for (SpanData s : ecrSpans()) {
      s.getAttributes()
          .forEach(
              (k, v) ->
                  assertThat(String.valueOf(v))
                      .as("span attribute %s", k.getKey())
                      .doesNotContain(POS_KEY)
                      .doesNotContain(sim.posKey()));
    }
  }

  private List<SpanData> ecrSpans() {
    List<SpanData> out = new ArrayList<>();
    for (SpanData s : spans.getFinishedSpanItems()) {
      if (s.getName().startsWith("ecr ")) {
        out.add(s);
      }
    }
    return out;
  }

  @Test
  void theOutboxBacklogQueriesRunOnThisDatabase() {
    // the gauges' refresh only logs a failure; the queries themselves must work (H2 and PostgreSQL)
    long pending = backlog.pending();
    assertThat(pending).isNotNegative();
    assertThat(backlog.deadLetters()).isNotNegative();
    backlog
        .oldestPending()
        .ifPresent(t -> assertThat(t).isBefore(java.time.Instant.now().plusSeconds(60)));
  }

  @Test
  void aProblemCarriesTheRequestIdOfTheResponseHeader() {
    Response given = admin().get("/api/v1/payments/pay_doesnotexist");
    String header = given.getHeader("X-Request-Id");
    assertThat(header).matches("[0-9a-f]{32}");
    assertThat(given.statusCode()).isEqualTo(404);
    assertThat(given.jsonPath().getString("requestId")).isEqualTo(header);

    // a caller's plausible id is kept; anything else is replaced
    Response kept = admin().header("X-Request-Id", "till-7:abc_1.2").get("/api/v1/payments/pay_x");
    assertThat(kept.getHeader("X-Request-Id")).isEqualTo("till-7:abc_1.2");
    assertThat(kept.jsonPath().getString("requestId")).isEqualTo("till-7:abc_1.2");
    Response replaced =
        admin().header("X-Request-Id", "forged line\" level=ERROR").get("/api/v1/payments/pay_x");
    assertThat(replaced.getHeader("X-Request-Id")).matches("[0-9a-f]{32}");
    assertThat(replaced.jsonPath().getString("requestId"))
        .isEqualTo(replaced.getHeader("X-Request-Id"));

    // a problem answered by a Vert.x route before the REST layer carries it too
    Response notify =
        io.restassured.RestAssured.given().header("X-Request-Id", "n-1").get("/qfpay/notify");
    assertThat(notify.statusCode()).isEqualTo(405);
    assertThat(notify.jsonPath().getString("requestId")).isEqualTo("n-1");
  }

  @Test
  void aLogLineDuringTheRequestCarriesItsId() {
    List<ExtLogRecord> lines = new CopyOnWriteArrayList<>();
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord r) {
            if (r instanceof ExtLogRecord ext) {
              ext.copyMdc(); // the request's logging context, read on the logging thread
              lines.add(ext);
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    Logger logger = Logger.getLogger("io.ecrhub.app.api.PaymentResource");
    logger.addHandler(capture);
    try {
      String requestId = "obs-log-" + System.nanoTime();
      String id = pay(requestId);
      await()
          .atMost(Duration.ofSeconds(10))
          .untilAsserted(
              () ->
                  assertThat(lines)
                      .anySatisfy(
                          r -> {
                            assertThat(r.getMessage()).startsWith("payment accepted");
                            assertThat(r.getMdc("paymentId")).isEqualTo(id);
                            assertThat(r.getMdc("requestId")).isEqualTo(requestId);
                          }));
      awaitPaymentStatus(id, "SUCCEEDED");
    } finally {
      logger.removeHandler(capture);
    }
  }

  @Test
  void theGrafanaDashboardChartsOnlyMetricsTheHubHas() throws Exception {
    String id = pay("obs-grafana-" + System.nanoTime()); // terminal round trips have a series
    awaitPaymentStatus(id, "SUCCEEDED");
    JsonNode dashboard =
        new ObjectMapper()
            .readTree(Files.readString(Path.of("..", "deploy", "grafana", "ecrhub.json")));
    Set<String> referenced = new TreeSet<>();
    Pattern metric = Pattern.compile("\\b((?:ecrhub|http_server_requests)_[a-z_]+)");
    for (JsonNode expr : dashboard.findValues("expr")) {
      Matcher m = metric.matcher(expr.asText());
      while (m.find()) {
        referenced.add(m.group(1));
      }
    }
    assertThat(referenced).as("metrics the dashboard charts").hasSizeGreaterThan(10);
    String metrics = ManagementInterface.metrics();
    Set<String> exposed = new TreeSet<>();
    Matcher line = Pattern.compile("(?m)^([a-z_]+)[{ ]").matcher(metrics);
    while (line.find()) {
      exposed.add(line.group(1));
    }
    assertThat(exposed).containsAll(referenced);
  }
}

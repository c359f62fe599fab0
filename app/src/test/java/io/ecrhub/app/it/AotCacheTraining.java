package io.ecrhub.app.it;

import static io.ecrhub.app.it.ItSupport.api;
import static io.ecrhub.app.it.ItSupport.awaitStatus;
import static io.ecrhub.app.it.ItSupport.payment;
import static io.ecrhub.app.it.ItSupport.register;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.notify.intake.NotificationSignature;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The training run of the JDK's AOT cache (ADR 0029), run by the {@code aot} Maven profile only
 * ({@code ./mvnw -B -Paot verify -pl app -am -DskipTests}; not matched by the default *IT pattern):
 * the packaged hub ({@code aot-jar}) starts in recording mode on H2 next to a simulated terminal,
 * takes payments and a refund through the REST API and signed notifications on {@code
 * /qfpay/notify}, and stops on SIGTERM as systemd or Kubernetes stop it; the JVM then assembles
 * {@code app.aot} next to {@code quarkus-run.jar} from what it recorded. The second test proves the
 * cache: a hub started with {@code -XX:AOTMode=on} (the JVM refuses to start when it cannot use the
 * cache) settles a payment, and the same artefact without the cache does too.
 *
 * <p>The cache holds the directory it was trained in (Quarkus' aot-jar finds its files from its own
 * class's code source, which the cache archives): it must be used where it was trained. {@code
 * -Daot.dir=/srv/ecrhub} copies the packaged hub there first (file times kept: the JVM checks them)
 * and trains it in place, for an image or a server that runs it from that directory.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AotCacheTraining {
  /** The cache's file name: the README, the Dockerfile and the systemd unit name it. */
  static final String CACHE = "app.aot";

  private static final String NOTIFY_SECRET = "aot-training-notify-key";
  private static final NotificationKey NOTIFY_KEY = NotificationKey.of(NOTIFY_SECRET);

  @TempDir static Path work;

  /** With {@code -Daot.dir}: the packaged hub copied there, trained and checked there. */
  @BeforeAll
  static void trainingDirectory() throws IOException {
    String dir = System.getProperty("aot.dir", "");
    if (dir.isBlank()) {
      return;
    }
    Path from = HubProcess.jar().getParent();
    Path to = Path.of(dir).toAbsolutePath();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else if (!f.getFileName().toString().startsWith("app.aot")) {
          Files.copy(
              f, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
    System.setProperty("hub.jar", to.resolve("quarkus-run.jar").toString());
  }

  private static Path cache() {
    return HubProcess.jar().resolveSibling(CACHE);
  }

  private static Path configuration() {
    return HubProcess.jar().resolveSibling("app.aotconf");
  }

  @Test
  @Order(1)
  void train_recordsAWorkingHub_andWritesTheCache() throws Exception {
    Files.deleteIfExists(cache());
    Files.deleteIfExists(configuration());
    try (TerminalSimulator simulator = simulator("aot-train")) {
      HubProcess hub =
          HubProcess.start(
              "aot-train",
              work,
              env(simulator, "train"),
              List.of("-XX:AOTMode=record", "-XX:AOTConfiguration=" + configuration()));
      try {
        exercise(hub, simulator.terminal(0));
        hub.terminate();
        assertThat(hub.exitsWithin(Duration.ofMinutes(3)))
            .as("the training hub stops on SIGTERM")
            .isTrue();
      } finally {
        hub.close();
      }
    }
    assertThat(configuration()).as("the JVM wrote its recording on exit").exists();

    Process create =
        new ProcessBuilder(
                HubProcess.java(),
                "-Xmx256m",
                "-XX:AOTMode=create",
                "-XX:AOTConfiguration=" + configuration(),
                "-XX:AOTCache=" + cache(),
                "-jar",
                HubProcess.jar().toString())
            .redirectErrorStream(true)
            .redirectOutput(work.resolve("aot-create.log").toFile())
            .start();
    assertThat(create.waitFor(10, TimeUnit.MINUTES)).as("the cache is assembled").isTrue();
    assertThat(create.exitValue())
        .as(
            "exit status of -XX:AOTMode=create:\n%s",
            Files.readString(work.resolve("aot-create.log")))
        .isZero();
    assertThat(cache()).exists();
    Files.deleteIfExists(configuration());
  }

  @Test
  @Order(2)
  void theHubStartsAndSettles_withTheCacheRequired_andWithoutIt() throws Exception {
    assertThat(cache()).as("written by the training").exists();
    try (TerminalSimulator simulator = simulator("aot-check")) {
      // AOTMode=on: the JVM exits at once if this cache does not fit this JVM and these jars
      try (HubProcess hub =
          HubProcess.start(
              "aot-on",
              work,
              env(simulator, "on"),
              List.of("-XX:AOTMode=on", "-XX:AOTCache=" + cache()))) {
        settlesOnePayment(hub, simulator.terminal(0));
      }
      try (HubProcess hub = HubProcess.start("aot-absent", work, env(simulator, "absent"))) {
        settlesOnePayment(hub, simulator.terminal(0));
      }
    }
  }

  private static TerminalSimulator simulator(String id) throws IOException {
    return TerminalSimulator.start(
        SimulatorConfig.builder()
            .host("127.0.0.1")
            .terminal(TerminalConfig.builder(id).cardWait(Duration.ofMillis(100)).build())
            .build());
  }

  private static Map<String, String> env(TerminalSimulator simulator, String db)
      throws IOException {
    // H2 always, even in a PostgreSQL run: the training needs no database server
    Map<String, String> env = new HashMap<>();
    env.put(
        "ECRHUB_DB_URL",
        "jdbc:h2:file:"
            + work.resolve("db-" + db + "/ecrhub").toAbsolutePath()
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
    env.put(
        "ECRHUB_TERMINAL_EXTRA_CA_FILES",
        simulator.writeCaPem(work.resolve("ca-" + db + ".pem")).toString());
    env.put("ECRHUB_NOTIFY_KEYS", NOTIFY_SECRET);
    return env;
  }

  /** What a hub does in its first minutes: the training's workload. */
  private static void exercise(HubProcess hub, SimulatedTerminal sim) throws Exception {
    given().baseUri(hub.managementUri()).get("/q/health/ready").then().statusCode(200);
    String terminal = register(hub, sim);
    int payments = Integer.getInteger("aot.training.payments", 10);
    String last = null;
    for (int i = 0; i < payments; i++) {
      last =
          api(hub)
              .header("Idempotency-Key", "aot-" + i)
              .body(payment(terminal, "1." + String.format("%02d", i % 100)))
              .post("/api/v1/payments")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      awaitStatus(hub, last, "SUCCEEDED", Duration.ofMinutes(2));
    }
    api(hub)
        .header("Idempotency-Key", "aot-refund")
        .body("{}")
        .post("/api/v1/payments/" + last + "/refunds")
        .then()
        .statusCode(202);
    api(hub).get("/api/v1/payments?limit=20").then().statusCode(200);
    api(hub).get("/api/v1/terminals").then().statusCode(200);
    int stored = notifications(hub, Integer.getInteger("aot.training.notifications", 3000));
    assertThat(stored).as("notifications answered SUCCESS").isPositive();
    assertThat(ItSupport.metrics(hub)).contains("ecrhub_");
    assertThat(sim.transactions())
        .filteredOn(t -> t.kind() == SimTransaction.Kind.PAYMENT)
        .hasSize(payments);
  }

  /** Signed payment notifications at concurrency 8; returns how many were answered SUCCESS. */
  private static int notifications(HubProcess hub, int n) throws Exception {
    HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    URI uri = URI.create(hub.baseUri() + "/qfpay/notify");
    AtomicInteger ok = new AtomicInteger();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<?>> done = new ArrayList<>();
      for (int t = 0; t < 8; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  for (int i = thread; i < n; i += 8) {
                    byte[] body = body(i);
                    HttpRequest request =
                        HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("X-QF-SIGN", NotificationSignature.sign(body, NOTIFY_KEY))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build();
                    HttpResponse<String> r =
                        client.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200 && r.body().contains("SUCCESS")) {
                      ok.incrementAndGet();
                    }
                  }
                  return null;
                }));
      }
      for (Future<?> f : done) {
        f.get(10, TimeUnit.MINUTES);
      }
    } finally {
      pool.shutdownNow();
    }
    return ok.get();
  }

  private static byte[] body(int i) {
    String syssn = String.format("2026%022d", i);
    return ("{\"status\":\"1\",\"notify_type\":\"payment\",\"pay_type\":\"802808\",\"syssn\":\""
            + syssn
            + "\",\"out_trade_no\":\"aot"
            + i
            + "\",\"txamt\":\""
            + (100 + i % 900)
            + "\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\",\"customer_source\":\"HK\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private static void settlesOnePayment(HubProcess hub, SimulatedTerminal sim) {
    given().baseUri(hub.managementUri()).get("/q/health/ready").then().statusCode(200);
    String terminal = register(hub, sim);
    String id =
        api(hub)
            .body(payment(terminal, "2.50"))
            .post("/api/v1/payments")
            .then()
            .statusCode(202)
            .extract()
            .path("id");
    awaitStatus(hub, id, "SUCCEEDED", Duration.ofMinutes(2));
  }
}

package io.ecrhub.app.it;

import static io.ecrhub.app.it.ItSupport.api;
import static io.ecrhub.app.it.ItSupport.awaitStatus;
import static io.ecrhub.app.it.ItSupport.payment;
import static io.ecrhub.app.it.ItSupport.register;
import static org.assertj.core.api.Assertions.assertThat;

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
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue #12 §3, at process level: the packaged hub with simulated terminals takes 3,000 unsigned
 * (or wrongly signed) ~60 KB notifications at concurrency 16 on its public {@code /qfpay/notify}
 * while payments run. The database grows by less than 5 MB (only bounded samples of the rejected
 * requests are stored), every payment started during the flood settles SUCCEEDED as the ones before
 * it did, and the intake's metrics count every rejection. Runs on H2 (file size of the database)
 * and PostgreSQL ({@code pg_database_size}).
 */
class FloodIT {
  private static final int FLOOD = 3_000;
  private static final int CONCURRENCY = 16;
  private static final long MAX_GROWTH = 5L * 1024 * 1024;
  private static final Pattern COUNTER =
      Pattern.compile("(?m)^(ecrhub_notify_\\w+_total)\\{([^}]*)\\} ([0-9.eE+-]+)$");

  @TempDir Path work;
  private TerminalSimulator simulator;
  private HubProcess hub;
  private ExecutorService pool;

  @BeforeEach
  void start() throws Exception {
    simulator =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .host("127.0.0.1")
                .terminal(
                    TerminalConfig.builder("flood-1").cardWait(Duration.ofMillis(200)).build())
                .terminal(
                    TerminalConfig.builder("flood-2").cardWait(Duration.ofMillis(200)).build())
                .build());
    Path ca = simulator.writeCaPem(work.resolve("simulator-ca.pem"));
    Map<String, String> env = HubProcess.database(h2Url());
    env.put("ECRHUB_ECR_TRUST_EXTRA_CA_FILES", ca.toString());
    env.put("ECRHUB_NOTIFY_KEYS", "flood_it_notification_key");
    hub = HubProcess.start("flood", work, env);
    pool = Executors.newFixedThreadPool(CONCURRENCY + 2);
  }

  @AfterEach
  void stop() {
    if (pool != null) {
      pool.shutdownNow();
    }
    if (hub != null) {
      hub.close();
    }
    simulator.close();
  }

  private String h2Url() {
    return "jdbc:h2:file:"
        + work.resolve("db/ecrhub").toAbsolutePath()
        + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
  }

  @Test
  void floodOfUnsignedNotifications_databaseStaysSmall_paymentsSettle_rejectionsAreCounted()
      throws Exception {
    List<String> terminals = new ArrayList<>();
    for (int i = 0; i < 2; i++) {
      terminals.add(register(hub, simulator.terminal(i)));
    }
    for (String t : terminals) { // without the flood
      String id = startPayment(t, "10.00");
      awaitStatus(hub, id, "SUCCEEDED", Duration.ofSeconds(60));
    }
    Map<String, Double> before = counters();
    long sizeBefore = databaseSize();

    AtomicBoolean flooding = new AtomicBoolean(true);
    List<Future<List<String>>> payers = new ArrayList<>();
    for (String t : terminals) {
      payers.add(pool.submit(() -> payWhile(t, flooding)));
    }
    Map<Integer, AtomicInteger> statuses = flood();
    flooding.set(false);
    List<String> paidDuringTheFlood = new ArrayList<>();
    for (Future<List<String>> p : payers) {
      paidDuringTheFlood.addAll(p.get(180, TimeUnit.SECONDS));
    }

    for (String id : paidDuringTheFlood) {
      awaitStatus(hub, id, "SUCCEEDED", Duration.ofSeconds(60));
    }
    assertThat(paidDuringTheFlood).as("payments started during the flood").hasSizeGreaterThan(2);
    assertThat(statuses).as("answers to the flood by status").containsOnlyKeys(401);
    assertThat(statuses.get(401)).hasValue(FLOOD);

    long growth = databaseSize() - sizeBefore;
    System.out.printf(
        "FloodIT (%s): %d rejected, database grew by %d bytes, %d payments during the flood%n",
        HubProcess.onPostgres() ? "PostgreSQL" : "H2", FLOOD, growth, paidDuringTheFlood.size());
    assertThat(growth).as("database growth in bytes").isLessThan(MAX_GROWTH);

    Map<String, Double> after = counters();
    assertThat(delta(before, after, "ecrhub_notify_received_total", "outcome=\"bad_signature\""))
        .isEqualTo(FLOOD);
    double stored = delta(before, after, "ecrhub_notify_rejected_total", "sample=\"stored\"");
    double dropped = delta(before, after, "ecrhub_notify_rejected_total", "sample=\"dropped\"");
    assertThat(stored + dropped).isEqualTo(FLOOD);
    assertThat(stored).as("samples stored (10 per sender and minute)").isBetween(1.0, 30.0);
  }

  private String startPayment(String terminal, String amount) {
    return api(hub)
        .body(payment(terminal, amount))
        .post("/api/v1/payments")
        .then()
        .statusCode(202)
        .extract()
        .path("id");
  }

  /** Payments one after another on one terminal while the flood lasts (at least two). */
  private List<String> payWhile(String terminal, AtomicBoolean flooding) {
    List<String> ids = new ArrayList<>();
    int n = 0;
    while (flooding.get() || n < 2) {
      n++;
      String id = startPayment(terminal, "1." + String.format("%02d", n % 100));
      ids.add(id);
      awaitStatus(hub, id, "SUCCEEDED", Duration.ofSeconds(60));
    }
    return ids;
  }

  /** 3,000 ~60 KB bodies at concurrency 16: half without a signature, half wrongly signed. */
  private Map<Integer, AtomicInteger> flood() throws Exception {
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    URI uri = URI.create(hub.baseUri() + "/qfpay/notify");
    Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
    AtomicInteger next = new AtomicInteger();
    List<Throwable> failures = new CopyOnWriteArrayList<>();
    List<Future<?>> senders = new ArrayList<>();
    for (int s = 0; s < CONCURRENCY; s++) {
      senders.add(
          pool.submit(
              () -> {
                for (int i; (i = next.getAndIncrement()) < FLOOD; ) {
                  try {
                    HttpRequest.Builder r =
                        HttpRequest.newBuilder(uri)
                            .timeout(Duration.ofSeconds(60))
                            .header("Content-Type", "application/json")
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body(i)));
                    if (i % 2 == 1) {
                      r.header("X-QF-SIGN", String.format("%032X", i));
                    }
                    int status =
                        client.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    statuses.computeIfAbsent(status, k -> new AtomicInteger()).incrementAndGet();
                  } catch (IOException | RuntimeException e) {
                    failures.add(e);
                  } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                  }
                }
              }));
    }
    for (Future<?> f : senders) {
      f.get(300, TimeUnit.SECONDS);
    }
    assertThat(failures).as("requests that got no answer").isEmpty();
    return statuses;
  }

  private static byte[] body(int i) {
    String head =
        "{\"notify_type\":\"payment\",\"syssn\":\"FLOOD"
            + i
            + "\",\"out_trade_no\":\"flood-"
            + i
            + "\",\"txamt\":\"100\",\"pad\":\"";
    return (head + "x".repeat(60_000) + "\"}").getBytes(StandardCharsets.UTF_8);
  }

  private Map<String, Double> counters() {
    Map<String, Double> out = new ConcurrentHashMap<>();
    Matcher m = COUNTER.matcher(ItSupport.metrics(hub));
    while (m.find()) {
      out.put(m.group(1) + "{" + m.group(2) + "}", Double.parseDouble(m.group(3)));
    }
    return out;
  }

  private static double delta(
      Map<String, Double> before, Map<String, Double> after, String name, String label) {
    return value(after, name, label) - value(before, name, label);
  }

  private static double value(Map<String, Double> counters, String name, String label) {
    return counters.entrySet().stream()
        .filter(e -> e.getKey().startsWith(name + "{") && e.getKey().contains(label))
        .mapToDouble(Map.Entry::getValue)
        .sum();
  }

  /** PostgreSQL: {@code pg_database_size}; H2: the size of the database's files. */
  private long databaseSize() throws SQLException, IOException, InterruptedException {
    if (HubProcess.onPostgres()) {
      Map<String, String> db = HubProcess.database(null);
      try (Connection c =
              DriverManager.getConnection(
                  db.get("ECRHUB_DB_URL"), db.get("ECRHUB_DB_USER"), db.get("ECRHUB_DB_PASSWORD"));
          ResultSet rs =
              c.createStatement().executeQuery("SELECT pg_database_size(current_database())")) {
        rs.next();
        return rs.getLong(1);
      }
    }
    Thread.sleep(2_000); // H2 writes its store about every second
    try (Stream<Path> files = Files.list(work.resolve("db"))) {
      return files
          .mapToLong(
              f -> {
                try {
                  return Files.size(f);
                } catch (IOException e) {
                  return 0;
                }
              })
          .sum();
    }
  }
}

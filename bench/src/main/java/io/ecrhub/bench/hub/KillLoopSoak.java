package io.ecrhub.bench.hub;

import io.ecrhub.bench.BenchSupport;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Failover soak (issue #15, ADR 0019/0024): two packaged hubs on one database and one simulated
 * terminal; each iteration starts a payment or a refund on one hub picked at random, kills that hub
 * with SIGKILL at a random point (right after the 202, during the card wait, around the answer),
 * and starts it again under the same instance id. At the end every transaction must be final on the
 * hubs (0 lost) and the simulated terminal's journal must hold each payment once and each payment's
 * refund at most once (0 sent twice); the hubs' outcome must agree with the journal.
 *
 * <p>Arguments: {@code --hub-jar app/target/quarkus-app/quarkus-run.jar}, {@code --db-url
 * jdbc:postgresql://127.0.0.1:5432/DB} and {@code --db-user postgres} (required, a fresh database),
 * {@code --iterations 50}, {@code --seed N}, {@code --max-wait-ms 4000} (card and refund waits are
 * drawn from 0 to this), {@code --settle-s 420} (how long the end waits for every transaction to be
 * final), {@code --out DIR}. Short exchange bounds (payment timeout 15 s, read margin 5 s) so that
 * a payment killed before it reached the terminal is declared within a minute instead of three.
 */
public final class KillLoopSoak {
  private static final String KEY = "soak-admin-key-0123456789abcdefghijkl";
  private static final String MASTER_KEY = "c29hay1tYXN0ZXIta2V5LTMyLWJ5dGVzLWxvbmctLS0=";
  private static final Set<String> FINAL = Set.of("SUCCEEDED", "DECLINED", "CANCELLED", "FAILED");

  private final String hubJar;
  private final Map<String, String> dbEnv;
  private final Path logDir;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  /** One hub process and its ports (fresh free ports at each start). */
  private final class Hub {
    final String name;
    volatile int port;
    int management;
    Process process;
    int starts;

    /** Completed once the process serves (again) after its last (re)start. */
    volatile CompletableFuture<Void> ready = new CompletableFuture<>();

    Hub(String name) {
      this.name = name;
    }

    boolean up() {
      return ready.isDone() && !ready.isCompletedExceptionally();
    }

    /** Starts the process in the background; {@link #ready} completes when it serves. */
    void startAsync() {
      CompletableFuture<Void> r = new CompletableFuture<>();
      ready = r;
      Thread t =
          new Thread(
              () -> {
                try {
                  start();
                  r.complete(null);
                } catch (Exception e) {
                  r.completeExceptionally(e);
                }
              },
              "soak-start-" + name);
      t.setDaemon(true);
      t.start();
    }

    /** Starts the process and waits until it serves; new ports when the last ones were taken. */
    void start() throws IOException, InterruptedException {
      for (int attempt = 1; ; attempt++) {
        try {
          startOnce();
          return;
        } catch (IllegalStateException e) {
          if (attempt >= 3) {
            throw e;
          }
          System.out.printf("%s: %s; again on other ports%n", name, e.getMessage());
        }
      }
    }

    private void startOnce() throws IOException, InterruptedException {
      starts++;
      port = freePort();
      management = freePort();
      ProcessBuilder pb =
          new ProcessBuilder(
              Path.of(System.getProperty("java.home"), "bin", "java").toString(),
              "-Xmx256m",
              "-jar",
              hubJar);
      pb.redirectErrorStream(true);
      pb.redirectOutput(
          ProcessBuilder.Redirect.appendTo(logDir.resolve("soak-" + name + ".log").toFile()));
      Map<String, String> e = pb.environment();
      e.putAll(dbEnv);
      e.put("QUARKUS_HTTP_HOST", "127.0.0.1");
      e.put("QUARKUS_HTTP_PORT", Integer.toString(port));
      e.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(management));
      e.put("ECRHUB_SECRETS_MASTER_KEY", MASTER_KEY);
      e.put("ECRHUB_SECURITY_BOOTSTRAP_ADMIN_KEY", KEY);
      e.put("ECRHUB_INSTANCE_ID", name);
      e.put("ECRHUB_RECONCILIATION_EVERY", "1s");
      e.put("ECRHUB_TERMINAL_PAYMENT_TIMEOUT", "15s");
      e.put("ECRHUB_TERMINAL_PAYMENT_READ_MARGIN", "5s");
      process = pb.start();
      Instant deadline = Instant.now().plusSeconds(600);
      while (Instant.now().isBefore(deadline)) {
        if (!process.isAlive()) {
          throw new IllegalStateException(name + " exited at start; see its log");
        }
        HttpResponse<String> ready = get(management, "/q/health/ready");
        if (ready != null && ready.statusCode() == 200) {
          return;
        }
        Thread.sleep(200);
      }
      // never leave it running: a second live process under this instance id would break leases
      kill();
      throw new IllegalStateException(name + " not ready within 600 s");
    }

    void kill() throws InterruptedException {
      process.destroyForcibly();
      process.waitFor(30, TimeUnit.SECONDS);
    }

    void stop() throws InterruptedException {
      if (process != null && process.isAlive()) {
        process.destroy();
        if (!process.waitFor(90, TimeUnit.SECONDS)) {
          kill();
        }
      }
    }
  }

  /** One payment or refund the soak started. */
  private record Started(String kind, String id, String paymentId, Hub on, long killAfterMs) {}

  private KillLoopSoak(String hubJar, Map<String, String> dbEnv, Path logDir) {
    this.hubJar = hubJar;
    this.dbEnv = dbEnv;
    this.logDir = logDir;
  }

  public static void main(String[] args) throws Exception {
    String jar = BenchSupport.arg(args, "hub-jar", "app/target/quarkus-app/quarkus-run.jar");
    String url = BenchSupport.arg(args, "db-url", null);
    if (url == null) {
      throw new IllegalArgumentException("--db-url jdbc:postgresql://... is required");
    }
    Map<String, String> db = new HashMap<>();
    db.put("ECRHUB_DB_URL", url);
    db.put("ECRHUB_DB_USER", BenchSupport.arg(args, "db-user", "postgres"));
    db.put("ECRHUB_DB_PASSWORD", BenchSupport.arg(args, "db-password", ""));
    int iterations = BenchSupport.intArg(args, "iterations", 50);
    long seed = Long.parseLong(BenchSupport.arg(args, "seed", Long.toString(System.nanoTime())));
    int maxWaitMs = BenchSupport.intArg(args, "max-wait-ms", 4000);
    int settleS = BenchSupport.intArg(args, "settle-s", 420);
    Path result = BenchSupport.resultFile(args, "soak", "json");
    Path logDir = result.getParent();
    BenchSupport.quietChannelLogs();
    Map<String, Object> out =
        new KillLoopSoak(Path.of(jar).toAbsolutePath().toString(), db, logDir)
            .run(iterations, seed, maxWaitMs, settleS);
    Files.writeString(result, BenchSupport.json(out) + "\n", StandardCharsets.UTF_8);
    System.out.println("result: " + result);
    if (!Integer.valueOf(0).equals(out.get("lost"))
        || !Integer.valueOf(0).equals(out.get("sent_twice"))
        || !Integer.valueOf(0).equals(out.get("disagreeing"))) {
      System.out.println("SOAK FAILED");
      System.exit(1);
    }
  }

  private Map<String, Object> run(int iterations, long seed, int maxWaitMs, int settleS)
      throws Exception {
    Random random = new Random(seed);
    Instant began = Instant.now();
    TerminalConfig tc = TerminalConfig.builder("soak-1").cardWait(Duration.ZERO).build();
    Hub a = new Hub("soak-a");
    Hub b = new Hub("soak-b");
    List<Started> started = new ArrayList<>();
    List<String> succeededUnrefunded = new ArrayList<>();
    int refused = 0;
    try (TerminalSimulator sim = TerminalSimulator.start(SimulatorConfig.single(tc))) {
      SimulatedTerminal t = sim.terminal(0);
      a.startAsync();
      b.startAsync();
      a.ready.join();
      b.ready.join();
      String terminal =
          new HubClient(uri(a), KEY, true).registerHttpTerminal("soak", t.httpPort(), t.posKey());
      List<Hub> hubs = List.of(a, b);
      for (int i = 0; i < iterations; i++) {
        // the hub driving this one: either, when both serve; else the one that does (the other
        // is still restarting after the last kill)
        CompletableFuture.anyOf(a.ready, b.ready).join();
        List<Hub> up = hubs.stream().filter(Hub::up).toList();
        Hub on = up.get(random.nextInt(up.size()));
        HubClient client = new HubClient(uri(on), KEY, true);
        int wait = random.nextInt(maxWaitMs + 1);
        long killAfter = random.nextInt(wait + 1000);
        boolean refund = i % 2 == 1 && !succeededUnrefunded.isEmpty();
        Started s;
        HubClient.Reply r;
        if (refund) {
          String paymentId = succeededUnrefunded.remove(0);
          t.setRefundWait(Duration.ofMillis(wait));
          r = post(on, "/api/v1/payments/" + paymentId + "/refunds", "{}");
          s =
              r.status() == 202
                  ? new Started("refund", HubClient.id(r.body()), paymentId, on, killAfter)
                  : null;
        } else {
          t.setCardWait(Duration.ofMillis(wait));
          r = client.startPayment(terminal, "soak-" + i);
          s =
              r.status() == 202
                  ? new Started("payment", HubClient.id(r.body()), null, on, killAfter)
                  : null;
        }
        if (s == null) {
          // e.g. TERMINAL_BUSY while a hub still reconciles the last one: not started
          refused++;
          System.out.printf("#%d %s refused: HTTP %d %s%n", i, on.name, r.status(), r.body());
          Thread.sleep(2000);
          continue;
        }
        started.add(s);
        Thread.sleep(killAfter);
        on.kill();
        System.out.printf(
            "#%d %s %s on %s (wait %d ms), killed after %d ms%n",
            i, s.kind, s.id, on.name, wait, killAfter);
        on.startAsync();
        // the next one needs the terminal: wait until this one is final on whichever hub serves
        String status = awaitFinal(hubs, s, Duration.ofSeconds(300));
        if ("payment".equals(s.kind) && "SUCCEEDED".equals(status)) {
          succeededUnrefunded.add(s.id);
        }
        System.out.printf("#%d %s %s -> %s%n", i, s.kind, s.id, status);
      }
      a.ready.join();
      b.ready.join();
      // the end: every transaction final, each sent once, the hubs agree with the terminal
      Instant settleBy = Instant.now().plusSeconds(settleS);
      Map<String, String> finalStatus = new LinkedHashMap<>();
      for (Started s : started) {
        Duration left = Duration.between(Instant.now(), settleBy);
        finalStatus.put(s.id, awaitFinal(hubs, s, left.isNegative() ? Duration.ZERO : left));
      }
      List<SimTransaction> journal = t.transactions();
      Map<String, Integer> byTradeNo = new HashMap<>();
      Map<String, Integer> refundsByOriginal = new HashMap<>();
      for (SimTransaction x : journal) {
        if (x.kind() == SimTransaction.Kind.PAYMENT) {
          byTradeNo.merge(x.outTradeNo(), 1, Integer::sum);
        } else {
          refundsByOriginal.merge(x.originalSyssn(), 1, Integer::sum);
        }
      }
      int sentTwice =
          (int)
              (byTradeNo.values().stream().filter(n -> n > 1).count()
                  + refundsByOriginal.values().stream().filter(n -> n > 1).count());
      int lost = 0;
      int disagreeing = 0;
      Map<String, Integer> outcomes = new LinkedHashMap<>();
      for (Started s : started) {
        String status = finalStatus.get(s.id);
        outcomes.merge(s.kind + " " + status, 1, Integer::sum);
        if (!FINAL.contains(status)) {
          lost++;
          System.out.printf("LOST: %s %s is %s%n", s.kind, s.id, status);
        } else if ("payment".equals(s.kind)) {
          String tradeNo = field(get(a, "/api/v1/payments/" + s.id), "outTradeNo");
          boolean approved =
              journal.stream()
                  .anyMatch(
                      x ->
                          x.kind() == SimTransaction.Kind.PAYMENT
                              && tradeNo.equals(x.outTradeNo())
                              && x.status() == SimTransaction.Status.APPROVED);
          if (approved != "SUCCEEDED".equals(status)) {
            disagreeing++;
            System.out.printf(
                "DISAGREES: payment %s is %s, terminal approved=%s%n", s.id, status, approved);
          }
        }
      }
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("benchmark", "kill-loop soak (two hubs, one PostgreSQL, SIGKILL + restart)");
      m.put("date", began.toString());
      m.put("seed", seed);
      m.put("iterations", iterations);
      m.put("started", started.size());
      m.put("refused_at_start", refused);
      m.put("payments", started.stream().filter(s -> "payment".equals(s.kind)).count());
      m.put("refunds", started.stream().filter(s -> "refund".equals(s.kind)).count());
      m.put("terminal_journal", journal.size());
      m.put("outcomes", outcomes);
      m.put("lost", lost);
      m.put("sent_twice", sentTwice);
      m.put("disagreeing", disagreeing);
      m.put("hub_starts", a.starts + b.starts);
      m.put("duration_s", Duration.between(began, Instant.now()).toSeconds());
      m.put("environment", BenchSupport.environment());
      System.out.println(BenchSupport.json(m));
      return m;
    } finally {
      a.stop();
      b.stop();
    }
  }

  /**
   * Polls the transaction on the first of {@code hubs} that serves until it is final or {@code
   * within} passed; its last status.
   */
  private String awaitFinal(List<Hub> hubs, Started s, Duration within)
      throws InterruptedException {
    Instant deadline = Instant.now().plus(within);
    String path = "payment".equals(s.kind) ? "/api/v1/payments/" + s.id : "/api/v1/refunds/" + s.id;
    String status = "?";
    do {
      for (Hub hub : hubs) {
        if (!hub.up()) {
          continue;
        }
        try {
          HttpResponse<String> r = get(hub, path);
          if (r.statusCode() == 200) {
            status = field(r, "status");
            if (FINAL.contains(status)) {
              return status;
            }
          }
          break;
        } catch (IOException e) {
          status = "unreachable";
        }
      }
      Thread.sleep(500);
    } while (Instant.now().isBefore(deadline));
    return status;
  }

  private HubClient.Reply post(Hub hub, String path, String json)
      throws IOException, InterruptedException {
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(URI.create(uri(hub) + path))
                .timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + KEY)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    return new HubClient.Reply(r.statusCode(), r.body());
  }

  private HttpResponse<String> get(Hub hub, String path) throws IOException, InterruptedException {
    return http.send(
        HttpRequest.newBuilder(URI.create(uri(hub) + path))
            .timeout(Duration.ofSeconds(30))
            .header("Authorization", "Bearer " + KEY)
            .GET()
            .build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> get(int port, String path) throws InterruptedException {
    try {
      return http.send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
              .timeout(Duration.ofSeconds(5))
              .GET()
              .build(),
          HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      return null;
    }
  }

  private static String field(HttpResponse<String> r, String name) throws IOException {
    return HubClient.field(Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\""), r.body());
  }

  private static URI uri(Hub hub) {
    return URI.create("http://127.0.0.1:" + hub.port);
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

package io.ecrhub.bench.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.notify.intake.KeyRing;
import io.ecrhub.notify.intake.NotificationParser;
import io.ecrhub.notify.intake.NotificationSignature;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.PoolOptions;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeUnit;

/**
 * Load driver: notifications per second through a running hub's {@code POST /qfpay/notify} (durable
 * inbox on its database, dedupe, apply) against a bare verify-and-answer handler in this process
 * (same JSON parse and signature check, no storage), in the same run, same load.
 *
 * <pre>
 *   java -cp bench/target/ecrhub-bench.jar io.ecrhub.bench.notify.NotifyIntakeBench \
 *       --hub http://127.0.0.1:8080/qfpay/notify --key my_qfpay_notification_key \
 *       --requests 100000 --warmup 100000 --concurrency 32 --duplicates 0.10
 * </pre>
 */
public final class NotifyIntakeBench {
  private NotifyIntakeBench() {}

  /** Settings from the command line. */
  record Settings(
      URI hub, String key, int requests, int warmup, int concurrency, double duplicates) {
    static Settings parse(String[] args) {
      URI hub = URI.create("http://127.0.0.1:8080/qfpay/notify");
      String key = "my_qfpay_notification_key";
      int requests = 20_000;
      // The hub's intake path (Vert.x, JSON, signature, JDBC, Narayana) keeps getting faster for
      // its first tens of thousands of notifications (C2 compilation); fewer warm-up rounds
      // measure a partly interpreted hub. Same count for the bare handler.
      int warmup = 100_000;
      int concurrency = 32;
      double duplicates = 0.10;
      for (int i = 0; i + 1 < args.length; i += 2) {
        String v = args[i + 1];
        switch (args[i]) {
          case "--hub" -> hub = URI.create(v);
          case "--key" -> key = v;
          case "--requests" -> requests = Integer.parseInt(v);
          case "--warmup" -> warmup = Integer.parseInt(v);
          case "--concurrency" -> concurrency = Integer.parseInt(v);
          case "--duplicates" -> duplicates = Double.parseDouble(v);
          default -> throw new IllegalArgumentException("unknown option " + args[i]);
        }
      }
      return new Settings(hub, key, requests, warmup, concurrency, duplicates);
    }
  }

  public static void main(String[] args) throws Exception {
    Settings s = Settings.parse(args);
    NotificationKey key = NotificationKey.of(s.key());
    Vertx vertx = Vertx.vertx();
    try {
      int barePort = startBareHandler(vertx, key);
      HttpClient client =
          vertx.createHttpClient(
              new HttpClientOptions().setKeepAlive(true).setPipelining(false),
              new PoolOptions().setHttp1MaxSize(s.concurrency()));
      URI bare = URI.create("http://127.0.0.1:" + barePort + "/qfpay/notify");
      String runId = Long.toString(new SecureRandom().nextLong() & Long.MAX_VALUE, 36);

      List<byte[]> warmHubBodies = Bodies.make(s.warmup(), s.duplicates(), runId + "wh");
      List<byte[]> hubBodies = Bodies.make(s.requests(), s.duplicates(), runId + "h");
      LoadRun.Result warmBare = load(client, bare, key, s, s.warmup(), runId + "wb");
      LoadRun.Result warmHub = load(client, s.hub(), key, s, warmHubBodies);
      LoadRun.Result bareRun = load(client, bare, key, s, s.requests(), runId + "b");
      LoadRun.Result hubRun = load(client, s.hub(), key, s, hubBodies);

      System.out.printf(
          Locale.ROOT,
          "warm-up: bare %d ok / %d errors, hub %d ok / %d errors%n",
          warmBare.ok(),
          warmBare.errors(),
          warmHub.ok(),
          warmHub.errors());
      System.out.println(
          "| handler | requests | duplicates | concurrency | notifications/s | p50 ms | p99 ms |"
              + " errors |");
      System.out.println("|---|---|---|---|---|---|---|---|");
      print("bare verify-and-answer", bareRun, s);
      print("hub /qfpay/notify (" + dbName(s) + ")", hubRun, s);
      System.out.printf(
          Locale.ROOT,
          "ratio hub / bare = %.2f (%s)%n",
          hubRun.perSecond() / bareRun.perSecond(),
          Instant.now());
      // bench/run.sh compares this with the hub's inbox: each one stored exactly once
      System.out.printf(
          Locale.ROOT,
          "distinct notifications sent to the hub: %d%n",
          distinct(warmHubBodies) + distinct(hubBodies));
      client.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    } finally {
      vertx.close().toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
    }
  }

  /** How many different notifications these bodies are (a repeat is the same array). */
  private static long distinct(List<byte[]> bodies) {
    return bodies.stream().map(b -> new String(b, StandardCharsets.UTF_8)).distinct().count();
  }

  private static String dbName(Settings s) {
    return "database of the hub at " + s.hub().getHost() + ":" + s.hub().getPort();
  }

  private static void print(String name, LoadRun.Result r, Settings s) {
    System.out.printf(
        Locale.ROOT,
        "| %s | %d | %.0f%% | %d | %.0f | %.1f | %.1f | %d |%n",
        name,
        r.ok() + r.errors(),
        s.duplicates() * 100,
        s.concurrency(),
        r.perSecond(),
        r.p50Millis(),
        r.p99Millis(),
        r.errors());
  }

  private static LoadRun.Result load(
      HttpClient client, URI target, NotificationKey key, Settings s, int n, String runId)
      throws InterruptedException {
    return load(client, target, key, s, Bodies.make(n, s.duplicates(), runId));
  }

  private static LoadRun.Result load(
      HttpClient client, URI target, NotificationKey key, Settings s, List<byte[]> bodies)
      throws InterruptedException {
    List<String> signs = bodies.stream().map(b -> NotificationSignature.sign(b, key)).toList();
    return new LoadRun(client, target, bodies, signs, s.concurrency()).run();
  }

  /** The baseline: parse the JSON, pick the key and check X-QF-SIGN, answer; nothing stored. */
  static int startBareHandler(Vertx vertx, NotificationKey key) throws Exception {
    NotificationParser parser = new NotificationParser("HKD");
    KeyRing ring =
        new KeyRing(List.of(new KeyRing.Entry("k", key, Set.of(), Instant.EPOCH)), 8, true);
    HttpServer server =
        vertx
            .createHttpServer()
            .requestHandler(
                req ->
                    req.body()
                        .onSuccess(
                            buf -> {
                              byte[] body = buf.getBytes();
                              try {
                                ObjectNode tree = parser.readTree(body);
                                boolean ok =
                                    ring.verify(
                                            body,
                                            req.getHeader("X-QF-SIGN"),
                                            NotificationParser.routingHint(tree))
                                        .isPresent();
                                parser.toNotification(tree);
                                req.response()
                                    .setStatusCode(ok ? 200 : 401)
                                    .end(ok ? "SUCCESS" : "bad signature");
                              } catch (RuntimeException e) {
                                req.response().setStatusCode(400).end("malformed");
                              }
                            }));
    server
        .listen(0, "127.0.0.1")
        .toCompletionStage()
        .toCompletableFuture()
        .get(10, TimeUnit.SECONDS);
    return server.actualPort();
  }

  /** Notification bodies: unique syssns, with a share of exact repeats of earlier ones. */
  static final class Bodies {
    private Bodies() {}

    static List<byte[]> make(int n, double duplicateShare, String runId) {
      SecureRandom random = new SecureRandom();
      java.util.ArrayList<byte[]> out = new java.util.ArrayList<>(n);
      for (int i = 0; i < n; i++) {
        if (i > 10 && random.nextDouble() < duplicateShare) {
          out.add(out.get(random.nextInt(i)));
        } else {
          String syssn = "B" + runId + i;
          out.add(
              ("{\"status\":\"1\",\"notify_type\":\"payment\",\"pay_type\":\"802808\","
                      + "\"syssn\":\""
                      + syssn
                      + "\",\"out_trade_no\":\"bench-"
                      + runId
                      + "-"
                      + i
                      + "\",\"txamt\":\""
                      + (100 + i % 9000)
                      + "\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\",\"cancel\":\"0\"}")
                  .getBytes(StandardCharsets.UTF_8));
        }
      }
      return out;
    }
  }

  static Buffer buffer(byte[] b) {
    return Buffer.buffer(b);
  }
}

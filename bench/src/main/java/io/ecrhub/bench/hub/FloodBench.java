package io.ecrhub.bench.hub;

import io.ecrhub.bench.BenchSupport;
import io.ecrhub.bench.Latencies;
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
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Payment latency under a notification flood (issue #12 §3): zero-wait payments through a running
 * hub's REST API ({@code POST /api/v1/payments}, then {@code GET /api/v1/payments/{id}} back to
 * back until SUCCEEDED) to an in-process simulated terminal over plain HTTP, in alternating blocks
 * without and with a flood of unsigned (half of them wrongly signed) ~60 KB bodies sent to the
 * hub's public {@code POST /qfpay/notify} by {@code --flood-concurrency} closed-loop senders. Both
 * series are measured side by side in one run, so the ratio (with / without) holds the machine's
 * load roughly equal. Prints p50/p90/p99 of each series, the ratios, the flood's rate and its
 * answers by status, and writes {@code bench/results/flood-*.json}.
 *
 * <p>Arguments: {@code --hub http://127.0.0.1:PORT} and {@code --key ADMIN_KEY} (required), {@code
 * --n 200} payments per series, {@code --block 20} payments per block, {@code --warmup 300}
 * payments before measuring (without flood), {@code --flood-concurrency 16}, {@code --body-bytes
 * 60000}, {@code --out DIR}.
 */
public final class FloodBench {
  private final HubClient hub;
  private final String terminalId;
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
  private int sequence;

  private FloodBench(HubClient hub, String terminalId) {
    this.hub = hub;
    this.terminalId = terminalId;
  }

  public static void main(String[] args) throws Exception {
    String url = BenchSupport.arg(args, "hub", null);
    String key = BenchSupport.arg(args, "key", null);
    if (url == null || key == null) {
      System.err.println("usage: FloodBench --hub http://127.0.0.1:PORT --key ADMIN_KEY [...]");
      System.exit(2);
    }
    int n = BenchSupport.intArg(args, "n", 200);
    int block = BenchSupport.intArg(args, "block", 20);
    int warmup = BenchSupport.intArg(args, "warmup", 300);
    int concurrency = BenchSupport.intArg(args, "flood-concurrency", 16);
    int bodyBytes = BenchSupport.intArg(args, "body-bytes", 60_000);
    BenchSupport.quietChannelLogs();
    Map<String, Object> env = BenchSupport.environment();
    TerminalConfig tc =
        TerminalConfig.builder("bench-flood-1")
            .tcpPort(TerminalConfig.DISABLED)
            .cardWait(Duration.ZERO)
            .build();
    try (TerminalSimulator sim = TerminalSimulator.start(SimulatorConfig.single(tc))) {
      SimulatedTerminal t = sim.terminal(0);
      HubClient client = new HubClient(URI.create(url), key, false);
      String id = client.registerHttpTerminal("bench " + t.id(), t.httpPort(), t.posKey());
      System.out.printf("terminal %s registered as %s (HTTP :%d)%n", t.id(), id, t.httpPort());
      FloodBench bench = new FloodBench(client, id);
      Flood flood = new Flood(URI.create(url).resolve("/qfpay/notify"), concurrency, bodyBytes);
      System.out.printf("warm-up: %d payments, then a short flood%n", warmup);
      bench.payments(warmup, null);
      flood.start();
      bench.payments(Math.max(20, warmup / 10), null);
      flood.stop();
      flood.reset();

      Latencies quiet = new Latencies(n);
      Latencies flooded = new Latencies(n);
      System.out.printf(
          "measuring: %d payments without and %d with the flood, in blocks of %d%n", n, n, block);
      long floodNanos = 0;
      for (int done = 0; done < n; done += block) {
        int k = Math.min(block, n - done);
        bench.payments(k, quiet);
        flood.start();
        long t0 = System.nanoTime();
        bench.payments(k, flooded);
        floodNanos += System.nanoTime() - t0;
        flood.stop();
      }
      report(
          args, env, quiet.summary(), flooded.summary(), flood, floodNanos, concurrency, bodyBytes);
    }
  }

  /** {@code count} payments one after another; each one's latency into {@code into} if given. */
  private void payments(int count, Latencies into) throws IOException, InterruptedException {
    for (int i = 0; i < count; i++) {
      String reference = "flood-" + run + "-" + (++sequence);
      long t0 = System.nanoTime();
      HubClient.Reply created = hub.startPayment(terminalId, reference);
      if (created.status() != 202 && created.status() != 201) {
        throw new IOException(
            "payment not accepted: HTTP " + created.status() + " " + created.body());
      }
      String id = HubClient.id(created.body());
      String status;
      do {
        status = hub.paymentStatus(id);
      } while (status.equals("PENDING") || status.equals("IN_PROGRESS"));
      if (!status.equals("SUCCEEDED")) {
        throw new IOException("payment " + id + " ended " + status);
      }
      if (into != null) {
        into.add(System.nanoTime() - t0);
      }
    }
  }

  /** Closed-loop senders of unsigned and wrongly signed bodies to /qfpay/notify. */
  static final class Flood {
    private final URI uri;
    private final int concurrency;
    private final byte[][] bodies = new byte[64][];
    private final HttpClient http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    private final Map<Integer, AtomicLong> statuses = new ConcurrentHashMap<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicInteger next = new AtomicInteger();
    private final AtomicBoolean on = new AtomicBoolean();
    private ExecutorService senders;

    Flood(URI uri, int concurrency, int bodyBytes) {
      if (!"127.0.0.1".equals(uri.getHost()) && !"localhost".equals(uri.getHost())) {
        throw new IllegalArgumentException("loopback only: " + uri);
      }
      this.uri = uri;
      this.concurrency = concurrency;
      for (int i = 0; i < bodies.length; i++) {
        String head =
            "{\"notify_type\":\"payment\",\"syssn\":\"FLOOD"
                + i
                + "\",\"txamt\":\"100\",\"pad\":\"";
        int pad = Math.max(0, bodyBytes - head.length() - 2);
        bodies[i] = (head + "x".repeat(pad) + "\"}").getBytes(StandardCharsets.UTF_8);
      }
    }

    void start() {
      on.set(true);
      senders = Executors.newFixedThreadPool(concurrency);
      for (int s = 0; s < concurrency; s++) {
        senders.execute(this::send);
      }
    }

    void stop() throws InterruptedException {
      on.set(false);
      senders.shutdown();
      if (!senders.awaitTermination(60, TimeUnit.SECONDS)) {
        senders.shutdownNow();
      }
    }

    void reset() {
      statuses.clear();
      errors.set(0);
    }

    long sent() {
      return statuses.values().stream().mapToLong(AtomicLong::get).sum() + errors.get();
    }

    private void send() {
      while (on.get()) {
        int i = next.getAndIncrement();
        HttpRequest.Builder r =
            HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(bodies[i & 63]));
        if ((i & 1) == 1) {
          r.header("X-QF-SIGN", String.format("%032X", i));
        }
        try {
          int status = http.send(r.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
          statuses.computeIfAbsent(status, k -> new AtomicLong()).incrementAndGet();
        } catch (IOException e) {
          errors.incrementAndGet();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return;
        }
      }
    }
  }

  private static void report(
      String[] args,
      Map<String, Object> env,
      Latencies.Summary quiet,
      Latencies.Summary flooded,
      Flood flood,
      long floodNanos,
      int concurrency,
      int bodyBytes)
      throws IOException {
    double seconds = floodNanos / 1e9;
    Map<String, Long> byStatus = new TreeMap<>();
    flood.statuses.forEach((k, v) -> byStatus.put(Integer.toString(k), v.get()));
    System.out.printf(
        "payments without flood (µs): p50 %.0f  p90 %.0f  p99 %.0f  max %.0f  (n=%d)%n",
        quiet.p50(), quiet.p90(), quiet.p99(), quiet.max(), quiet.n());
    System.out.printf(
        "payments with flood    (µs): p50 %.0f  p90 %.0f  p99 %.0f  max %.0f  (n=%d)%n",
        flooded.p50(), flooded.p90(), flooded.p99(), flooded.max(), flooded.n());
    System.out.printf(
        "ratio with/without: p50 %.2f  p90 %.2f  p99 %.2f%n",
        flooded.p50() / quiet.p50(), flooded.p90() / quiet.p90(), flooded.p99() / quiet.p99());
    System.out.printf(
        "flood: %d requests of %d bytes at concurrency %d in %.1f s (%.0f/s, %.0f MB/s);"
            + " answers %s, errors %d%n",
        flood.sent(),
        bodyBytes,
        concurrency,
        seconds,
        flood.sent() / seconds,
        flood.sent() * (double) bodyBytes / seconds / 1e6,
        byStatus,
        flood.errors.get());
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("benchmark", "FloodBench");
    out.put("environment", env);
    out.put("without_flood_us", quiet.toMap());
    out.put("with_flood_us", flooded.toMap());
    out.put("ratio_p50", flooded.p50() / quiet.p50());
    out.put("ratio_p90", flooded.p90() / quiet.p90());
    out.put("ratio_p99", flooded.p99() / quiet.p99());
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("requests", flood.sent());
    f.put("body_bytes", bodyBytes);
    f.put("concurrency", concurrency);
    f.put("seconds", seconds);
    f.put("answers", byStatus);
    f.put("errors", flood.errors.get());
    out.put("flood", f);
    Path file = BenchSupport.resultFile(args, "flood", "json");
    Files.writeString(file, BenchSupport.json(out));
    System.out.println("written " + file);
  }
}

package io.ecrhub.bench.hub;

import io.ecrhub.bench.BenchSupport;
import io.ecrhub.bench.FarmProcess;
import io.ecrhub.domain.terminal.Transport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hub-level capacity: {@code --terminals} simulated terminals (a {@link FarmProcess} in its own
 * JVM, plain HTTP, every payment waiting {@code --card-wait-ms} for the card) registered in a
 * running hub, then one payment per terminal started through {@code POST /api/v1/payments}, all
 * open at once; it waits until every payment has an end state and reports: how many the terminals
 * held at the peak (all of them means all were in flight at once), the outcomes, the hub's live and
 * peak threads and heap (from its {@code /q/metrics}), and the hub's heap after a full GC once the
 * payments are held ({@code jcmd <pid> GC.run}, then the metrics). The hub's {@code -Xmx} is set by
 * whoever starts it ({@code bench/run.sh hub-capacity}: 256m).
 *
 * <p>Arguments: {@code --hub http://127.0.0.1:PORT}, {@code --key ADMIN_KEY}, {@code --metrics
 * http://127.0.0.1:MPORT/q/metrics} and {@code --hub-pid PID} (required); {@code --terminals 5000},
 * {@code --card-wait-ms 30000}, {@code --concurrency 64} (REST requests open at a time while
 * registering and starting), {@code --farm-heap 3g}, {@code --out DIR}. Bounded: it gives up
 * waiting for end states {@code card wait + 180 s} after the last payment was started.
 */
public final class HubCapacityBench {
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final List<String> END = List.of("SUCCEEDED", "DECLINED", "FAILED", "CANCELLED");

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(30))
          .executor(Executors.newVirtualThreadPerTaskExecutor())
          .build();
  private final URI hub;
  private final String auth;
  private final URI metrics;

  private HubCapacityBench(URI hub, String key, URI metrics) {
    this.hub = hub;
    this.auth = "Bearer " + key;
    this.metrics = metrics;
  }

  public static void main(String[] args) throws Exception {
    String url = BenchSupport.arg(args, "hub", null);
    String key = BenchSupport.arg(args, "key", null);
    String metricsUrl = BenchSupport.arg(args, "metrics", null);
    String hubPid = BenchSupport.arg(args, "hub-pid", null);
    if (url == null || key == null || metricsUrl == null || hubPid == null) {
      System.err.println(
          "usage: HubCapacityBench --hub URL --key KEY --metrics URL --hub-pid PID [--terminals N]");
      System.exit(2);
    }
    int n = BenchSupport.intArg(args, "terminals", 5000);
    Duration cardWait = Duration.ofMillis(BenchSupport.intArg(args, "card-wait-ms", 30_000));
    int concurrency = BenchSupport.intArg(args, "concurrency", 64);
    BenchSupport.quietChannelLogs();
    HubCapacityBench bench = new HubCapacityBench(URI.create(url), key, URI.create(metricsUrl));
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "HubCapacityBench");
    result.put("environment", BenchSupport.environment());
    result.put("terminals", n);
    result.put("card_wait_ms", cardWait.toMillis());
    Path file = BenchSupport.resultFile(args, "hub-capacity", "json");
    Map<String, Double> before = bench.hubGauges();
    result.put("hub_before", before);
    System.out.printf("starting %d simulated terminals in a separate JVM%n", n);
    try (FarmProcess farm =
        FarmProcess.start(n, Transport.HTTP, cardWait, BenchSupport.arg(args, "farm-heap", "3g"))) {
      long t0 = System.nanoTime();
      List<String> terminalIds = bench.register(farm, concurrency);
      result.put("register_s", seconds(System.nanoTime() - t0));
      System.out.printf("%d terminals registered in %.1f s%n", n, seconds(System.nanoTime() - t0));

      Sampler sampler = bench.new Sampler();
      Thread sampling = Thread.ofPlatform().daemon().name("sampler").start(sampler);
      farm.takePeak();
      long t1 = System.nanoTime();
      Map<String, LongAdder> accepted = new ConcurrentHashMap<>();
      List<String> paymentIds = bench.startPayments(terminalIds, concurrency, accepted);
      double startSeconds = seconds(System.nanoTime() - t1);
      result.put("start_s", startSeconds);
      result.put("start_answers", counts(accepted));
      System.out.printf(
          "%d payments started in %.1f s: %s%n", paymentIds.size(), startSeconds, accepted);

      // all held by the terminals at once: wait (bounded) until the farm holds them, then GC
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      while (farm.held() < paymentIds.size() && System.nanoTime() < until) {
        Thread.sleep(200);
      }
      result.put("held_by_terminals_at_measure", farm.held());
      result.put("hub_during_hold", bench.hubGauges());
      result.put("hub_heap_after_gc_mb_during_hold", bench.heapAfterGc(hubPid));

      long giveUp = System.nanoTime() + cardWait.plusSeconds(180).toNanos();
      Map<String, Long> ends = bench.awaitEnds(paymentIds, concurrency, giveUp);
      sampler.stop();
      sampling.join();
      long peak = farm.takePeak();
      result.put("peak_held_by_terminals", peak);
      result.put("all_in_flight_at_once", peak == n && paymentIds.size() == n);
      result.put("end_states", ends);
      result.put("all_succeeded", ends.equals(Map.of("SUCCEEDED", (long) paymentIds.size())));
      result.put("hub_peak_live_threads", sampler.peakThreads.get());
      result.put("hub_peak_heap_used_mb", sampler.peakHeapMb.get());
      result.put("hub_after", bench.hubGauges());
      result.put("hub_heap_after_gc_mb_after", bench.heapAfterGc(hubPid));
    }
    result.put("load_average_1m_end", BenchSupport.loadAverage());
    Files.writeString(file, BenchSupport.json(result));
    System.out.print(BenchSupport.json(result));
    System.out.println("written: " + file);
  }

  /** Samples the hub's live threads and heap every 500 ms while the payments run. */
  private final class Sampler implements Runnable {
    final AtomicLong peakThreads = new AtomicLong();
    final AtomicLong peakHeapMb = new AtomicLong();
    private volatile boolean running = true;

    void stop() {
      running = false;
    }

    @Override
    public void run() {
      while (running) {
        try {
          Map<String, Double> g = hubGauges();
          peakThreads.accumulateAndGet(g.getOrDefault("live_threads", 0.0).longValue(), Math::max);
          peakHeapMb.accumulateAndGet(g.getOrDefault("heap_used_mb", 0.0).longValue(), Math::max);
          Thread.sleep(500);
        } catch (InterruptedException e) {
          return;
        } catch (IOException e) {
          // one missed sample
        }
      }
    }
  }

  private List<String> register(FarmProcess farm, int concurrency) throws Exception {
    List<Integer> ports = farm.ports();
    String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
    List<String> ids = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore gate = new Semaphore(concurrency);
      List<Future<String>> f = new ArrayList<>();
      for (int i = 0; i < ports.size(); i++) {
        int k = i;
        f.add(
            pool.submit(
                () -> {
                  gate.acquire();
                  try {
                    String body =
                        ("{\"name\":\"cap-%s-%d\",\"host\":\"127.0.0.1\",\"port\":%d,"
                                + "\"transport\":\"HTTP\",\"posKey\":\"%s\",\"encryption\":true,"
                                + "\"model\":\"LANDI_A8\"}")
                            .formatted(run, k, ports.get(k), farm.posKey());
                    HttpResponse<String> r = post("/api/v1/terminals", body, null);
                    if (r.statusCode() != 201 && r.statusCode() != 200) {
                      throw new IOException("register: HTTP " + r.statusCode() + " " + r.body());
                    }
                    return field(ID, r.body());
                  } finally {
                    gate.release();
                  }
                }));
      }
      for (Future<String> x : f) {
        ids.add(x.get());
      }
    }
    return ids;
  }

  private List<String> startPayments(
      List<String> terminalIds, int concurrency, Map<String, LongAdder> answers) throws Exception {
    String run = Long.toString(System.nanoTime() % 1_000_000_000L, 36);
    List<String> ids = new ArrayList<>();
    try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
      Semaphore gate = new Semaphore(concurrency);
      List<Future<String>> f = new ArrayList<>();
      for (int i = 0; i < terminalIds.size(); i++) {
        int k = i;
        f.add(
            pool.submit(
                () -> {
                  gate.acquire();
                  try {
                    String ref = "cap-" + run + "-" + k;
                    String body =
                        ("{\"terminalId\":\"%s\",\"amount\":\"10.00\",\"currency\":\"HKD\","
                                + "\"channel\":\"card_payment\",\"reference\":\"%s\"}")
                            .formatted(terminalIds.get(k), ref);
                    HttpResponse<String> r = post("/api/v1/payments", body, ref);
                    answers
                        .computeIfAbsent("HTTP " + r.statusCode(), x -> new LongAdder())
                        .increment();
                    return r.statusCode() == 202 || r.statusCode() == 201
                        ? field(ID, r.body())
                        : null;
                  } finally {
                    gate.release();
                  }
                }));
      }
      for (Future<String> x : f) {
        String id = x.get();
        if (id != null) {
          ids.add(id);
        }
      }
    }
    return ids;
  }

  /** Reads every payment until each has an end state or time runs out; status → count. */
  private Map<String, Long> awaitEnds(List<String> ids, int concurrency, long giveUpNanos)
      throws Exception {
    Map<String, String> last = new ConcurrentHashMap<>();
    List<String> open = new ArrayList<>(ids);
    while (!open.isEmpty() && System.nanoTime() < giveUpNanos) {
      Thread.sleep(2000);
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        Semaphore gate = new Semaphore(concurrency);
        for (String id : open) {
          pool.submit(
              () -> {
                gate.acquire();
                try {
                  HttpResponse<String> r =
                      http.send(
                          HttpRequest.newBuilder(hub.resolve("/api/v1/payments/" + id))
                              .timeout(Duration.ofSeconds(30))
                              .header("Authorization", auth)
                              .GET()
                              .build(),
                          HttpResponse.BodyHandlers.ofString());
                  last.put(
                      id,
                      r.statusCode() == 200 ? field(STATUS, r.body()) : "HTTP_" + r.statusCode());
                } finally {
                  gate.release();
                }
                return null;
              });
        }
      }
      open.removeIf(id -> END.contains(last.get(id)));
      System.out.printf("%d of %d payments without an end state%n", open.size(), ids.size());
    }
    Map<String, Long> byStatus = new TreeMap<>();
    for (String id : ids) {
      byStatus.merge(last.getOrDefault(id, "NOT_READ"), 1L, Long::sum);
    }
    return byStatus;
  }

  /** The hub's live threads and heap used (MB), from its Prometheus metrics. */
  private Map<String, Double> hubGauges() throws IOException, InterruptedException {
    String text =
        http.send(
                HttpRequest.newBuilder(metrics).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    Map<String, Double> g = new LinkedHashMap<>();
    g.put("live_threads", sum(text, "jvm_threads_live_threads", null));
    g.put(
        "heap_used_mb",
        Math.round(sum(text, "jvm_memory_used_bytes", "area=\"heap\"") / 1048576.0 * 10) / 10.0);
    g.put(
        "heap_max_mb",
        Math.round(sum(text, "jvm_memory_max_bytes", "area=\"heap\"") / 1048576.0 * 10) / 10.0);
    return g;
  }

  /** {@code jcmd <pid> GC.run}, then the hub's heap used in MB. */
  private double heapAfterGc(String pid) throws IOException, InterruptedException {
    String jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd").toString();
    Process p = new ProcessBuilder(jcmd, pid, "GC.run").redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
      return -1;
    }
    return hubGauges().get("heap_used_mb");
  }

  private static double sum(String metricsText, String name, String labelMustContain) {
    double gauge = 0; // a sum of metric samples (threads, bytes), never money
    Matcher m =
        Pattern.compile("(?m)^" + Pattern.quote(name) + "(\\{[^}]*})? ([0-9.eE+-]+)$")
            .matcher(metricsText);
    while (m.find()) {
      String labels = m.group(1) == null ? "" : m.group(1);
      if (labelMustContain == null || labels.contains(labelMustContain)) {
        gauge += Double.parseDouble(m.group(2));
      }
    }
    return gauge;
  }

  private HttpResponse<String> post(String path, String json, String idempotencyKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(hub.resolve(path))
            .timeout(Duration.ofSeconds(60))
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static String field(Pattern p, String json) throws IOException {
    Matcher m = p.matcher(json);
    if (!m.find()) {
      throw new IOException("no " + p + " in " + json);
    }
    return m.group(1);
  }

  private static Map<String, Long> counts(Map<String, LongAdder> m) {
    Map<String, Long> out = new TreeMap<>();
    m.forEach((k, v) -> out.put(k, v.sum()));
    return out;
  }

  private static double seconds(long nanos) {
    return Math.round(nanos / 1e8) / 10.0;
  }
}

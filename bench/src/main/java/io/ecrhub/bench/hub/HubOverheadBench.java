package io.ecrhub.bench.hub;

import io.ecrhub.bench.BenchSupport;
import io.ecrhub.bench.Latencies;
import io.ecrhub.bench.RawEcrClient;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import io.ecrhub.simulator.Exchange;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/**
 * Hub overhead: a zero-wait payment through a running hub's REST API ({@code POST
 * /api/v1/payments}, then {@code GET /api/v1/payments/{id}} back to back until SUCCEEDED) versus
 * the same payment sent by {@link RawEcrClient} straight to the same in-process simulated terminal,
 * alternating one of each, in one run. The hub's end is the moment its terminal event stream
 * ({@code GET /api/v1/terminals/{id}/events}, opened once before the run, as a till would) delivers
 * the payment's SUCCEEDED event ({@code --follow sse}, default), or with {@code --follow poll} the
 * first {@code GET /api/v1/payments/{id}} that reads SUCCEEDED (GETs back to back). Both go over
 * plain HTTP to the terminal (the hub would need the simulator's CA in {@code
 * ecrhub.ecr.trust.extra-ca-files} for HTTPS). The hub's number includes its REST layer, database
 * writes and the event delivery (or polling). Prints p50/p90/p99/max, the difference and the ratio,
 * writes {@code bench/results/hub-overhead-*.json} and, with {@code --id-file F}, the last
 * payment's id to F.
 *
 * <p>Arguments: {@code --hub http://127.0.0.1:PORT} and {@code --key ADMIN_KEY} (required), {@code
 * --n 500}, {@code --warmup 3000} (rounds before measuring: the hub's request path runs through
 * enough code that a few hundred payments leave it partly interpreted, see docs/performance.md),
 * {@code --follow sse|poll}, {@code --client raw|jdk} (the hub series' HTTP client: {@link
 * RawHttp}, a blocking keep-alive socket like the direct series' client, by default; {@code jdk}
 * for {@code java.net.http}, the client of earlier runs), {@code --out DIR}, {@code --id-file F}.
 */
public final class HubOverheadBench {
  /** Target of the issue: the hub adds under 5 ms at p50. */
  static final double TARGET_P50_DELTA_US = 5000;

  private static final Pattern PAYMENT_ID = Pattern.compile("\"paymentId\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern TO = Pattern.compile("\"to\"\\s*:\\s*\"([A-Z_]+)\"");
  private static final Pattern REFUND_ID = Pattern.compile("\"refundId\"");

  private final HubClient hub;
  private final String terminalId;
  private final SimulatedTerminal terminal;
  private final RawEcrClient raw;
  private final String run = Long.toString(System.currentTimeMillis() % 1_000_000_000L, 36);
  private int sequence;
  private int polls;
  private int busyRetries;
  private String lastPaymentId;
  private boolean followSse;

  /** POST → 202 of each measured hub payment (the accept part of the hub series). */
  private Latencies accepts;

  /** POST → the terminal's answer leaves the simulator; and from then to the client knowing. */
  private Latencies untilAnswer;

  private Latencies afterAnswer;

  /** Payment id → the status that ended it, completed by the terminal event stream. */
  private final Map<String, CompletableFuture<String>> endings = new ConcurrentHashMap<>();

  private HubOverheadBench(
      HubClient hub, String terminalId, SimulatedTerminal terminal, RawEcrClient raw) {
    this.hub = hub;
    this.terminalId = terminalId;
    this.terminal = terminal;
    this.raw = raw;
  }

  public static void main(String[] args) throws Exception {
    String url = BenchSupport.arg(args, "hub", null);
    String key = BenchSupport.arg(args, "key", null);
    if (url == null || key == null) {
      System.err.println("usage: HubOverheadBench --hub http://127.0.0.1:PORT --key ADMIN_KEY");
      System.exit(2);
    }
    int n = BenchSupport.intArg(args, "n", 500);
    int warmup = BenchSupport.intArg(args, "warmup", 3000);
    BenchSupport.quietChannelLogs();
    Map<String, Object> env = BenchSupport.environment();
    TerminalConfig tc =
        TerminalConfig.builder("bench-hub-1")
            .tcpPort(TerminalConfig.DISABLED)
            .cardWait(Duration.ZERO)
            .build();
    try (TerminalSimulator sim = TerminalSimulator.start(SimulatorConfig.single(tc))) {
      SimulatedTerminal t = sim.terminal(0);
      t.setCardWait(Duration.ZERO);
      boolean jdkClient = "jdk".equals(BenchSupport.arg(args, "client", "raw"));
      HubClient hub = new HubClient(URI.create(url), key, jdkClient);
      System.out.println(
          "hub client: " + (jdkClient ? "java.net.http" : "blocking keep-alive socket"));
      String id = hub.registerHttpTerminal("bench " + t.id(), t.httpPort(), t.posKey());
      System.out.printf("terminal %s registered as %s (HTTP :%d)%n", t.id(), id, t.httpPort());
      var bench = new HubOverheadBench(hub, id, t, new RawEcrClient(t.caCertificate()));
      bench.followSse = !"poll".equals(BenchSupport.arg(args, "follow", "sse"));
      if (bench.followSse) {
        hub.followTerminal(id, bench::onEvent);
        System.out.println("following the terminal's event stream (SSE)");
      }
      System.out.printf("warm-up: %d rounds of 2 payments%n", warmup);
      bench.rounds(warmup, null, null);
      bench.polls = 0;
      bench.busyRetries = 0;
      System.out.printf("measuring: %d rounds of 2 payments%n", n);
      Latencies viaHub = new Latencies(n);
      Latencies direct = new Latencies(n);
      bench.accepts = new Latencies(n);
      bench.untilAnswer = new Latencies(n);
      bench.afterAnswer = new Latencies(n);
      bench.rounds(n, viaHub, direct);
      report(
          args,
          n,
          warmup,
          env,
          viaHub.summary(),
          direct.summary(),
          bench.accepts.summary(),
          bench.untilAnswer.summary(),
          bench.afterAnswer.summary(),
          bench.followSse,
          bench.polls,
          bench.busyRetries);
      String idFile = BenchSupport.arg(args, "id-file", null);
      if (idFile != null) {
        Files.writeString(Path.of(idFile), bench.lastPaymentId + "\n");
      }
    }
  }

  /** One hub payment and one direct payment per round, the order swapped every round. */
  private void rounds(int rounds, Latencies viaHub, Latencies direct) throws Exception {
    for (int r = 0; r < rounds; r++) {
      boolean hubFirst = r % 2 == 0;
      long a = hubFirst ? viaHub() : direct();
      long b = hubFirst ? direct() : viaHub();
      if (viaHub != null) {
        viaHub.add(hubFirst ? a : b);
        direct.add(hubFirst ? b : a);
      }
    }
  }

  /** One {@code data:} line of the terminal's event stream: records how a payment ended. */
  private void onEvent(String json) {
    if (REFUND_ID.matcher(json).find()) {
      return;
    }
    var id = PAYMENT_ID.matcher(json);
    var to = TO.matcher(json);
    if (!id.find() || !to.find()) {
      return;
    }
    String status = to.group(1);
    if (!"PENDING".equals(status) && !"IN_PROGRESS".equals(status)) {
      endings.computeIfAbsent(id.group(1), k -> new CompletableFuture<>()).complete(status);
    }
  }

  /**
   * POST, then wait for the SUCCEEDED event (or GET until SUCCEEDED); nanoseconds from before the
   * POST to the moment the client knows.
   */
  private long viaHub() throws Exception {
    String reference = "hb" + run + "x" + (++sequence);
    Instant startedAt = Instant.now();
    long start = System.nanoTime();
    HubClient.Reply created = hub.startPayment(terminalId, reference);
    // The hub frees the terminal just after the previous payment reads SUCCEEDED: a 409
    // TERMINAL_BUSY is counted and retried, and the clock restarts with the accepted POST.
    for (int i = 0; created.status() == 409 && i < 1000; i++) {
      busyRetries++;
      Thread.sleep(1);
      start = System.nanoTime();
      created = hub.startPayment(terminalId, reference);
    }
    if (created.status() != 202 && created.status() != 201) {
      throw new IllegalStateException(
          "payment not accepted: HTTP " + created.status() + " " + created.body());
    }
    if (accepts != null) {
      accepts.add(System.nanoTime() - start);
    }
    String id = HubClient.id(created.body());
    String status = HubClient.status(created.body());
    if (followSse) {
      String ended =
          endings.computeIfAbsent(id, k -> new CompletableFuture<>()).get(30, TimeUnit.SECONDS);
      long elapsed = System.nanoTime() - start;
      Instant endedAt = Instant.now();
      endings.remove(id);
      split(startedAt, endedAt);
      if (!"SUCCEEDED".equals(ended)) {
        throw new IllegalStateException("payment " + id + " ended " + ended);
      }
      lastPaymentId = id;
      return elapsed;
    }
    long deadline = start + Duration.ofSeconds(30).toNanos();
    while (!"SUCCEEDED".equals(status)) {
      if (!"PENDING".equals(status) && !"IN_PROGRESS".equals(status)) {
        throw new IllegalStateException("payment " + id + " ended " + status);
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException("payment " + id + " still " + status + " after 30 s");
      }
      status = hub.paymentStatus(id);
      polls++;
    }
    long elapsed = System.nanoTime() - start;
    lastPaymentId = id;
    return elapsed;
  }

  /**
   * Splits a measured hub payment at the moment the simulator sent its answer (the last exchange it
   * recorded; payments run one at a time), on the wall clock.
   */
  private void split(Instant startedAt, Instant endedAt) {
    if (untilAnswer == null) {
      return;
    }
    List<Exchange> exchanges = terminal.exchanges();
    Instant answered = exchanges.get(exchanges.size() - 1).at();
    if (answered.isAfter(startedAt) && answered.isBefore(endedAt)) {
      untilAnswer.add(Duration.between(startedAt, answered).toNanos());
      afterAnswer.add(Duration.between(answered, endedAt).toNanos());
    }
  }

  /** The same payment straight to the simulator over HTTP; throws unless approved. */
  private long direct() throws Exception {
    TerminalCommand.Pay pay = BenchSupport.pay("hd" + run + "x" + (++sequence));
    long start = System.nanoTime();
    byte[] body =
        EcrCodec.encodeRequest(EcrFunction.content(pay), terminal.posKey(), true)
            .getBytes(StandardCharsets.UTF_8);
    EcrResponse r =
        EcrCodec.decodeResponse(
            raw.post(false, terminal.httpPort(), EcrFunction.TRADE.path(), body),
            terminal.posKey());
    long elapsed = System.nanoTime() - start;
    if (!"6000".equals(r.respcd()) || !"0000".equals(String.valueOf(r.data().get("respcd")))) {
      throw new IllegalStateException("direct payment not approved: " + r.respcd());
    }
    return elapsed;
  }

  private static void report(
      String[] args,
      int n,
      int warmup,
      Map<String, Object> env,
      Latencies.Summary viaHub,
      Latencies.Summary direct,
      Latencies.Summary accept,
      Latencies.Summary untilAnswer,
      Latencies.Summary afterAnswer,
      boolean followSse,
      int polls,
      int busyRetries)
      throws Exception {
    System.out.printf(
        "%n%-9s %6s %9s %9s %9s %9s (microseconds)%n", "series", "n", "p50", "p90", "p99", "max");
    Latencies.Summary[] all = {viaHub, direct, accept, untilAnswer, afterAnswer};
    String[] names = {"hub", "direct", "accept", "to-answer", "after"};
    for (int i = 0; i < all.length; i++) {
      Latencies.Summary x = all[i];
      System.out.printf(
          "%-9s %6d %9.1f %9.1f %9.1f %9.1f%n",
          names[i], x.n(), x.p50(), x.p90(), x.p99(), x.max());
    }
    double d50 = round(viaHub.p50() - direct.p50());
    double d99 = round(viaHub.p99() - direct.p99());
    boolean met = d50 < TARGET_P50_DELTA_US;
    System.out.printf(
        "hub adds %.1f us at p50 (x%.2f), %.1f us at p99 (x%.2f); completion seen by %s;"
            + " target < 5 ms at p50: %s%n",
        d50,
        round(viaHub.p50() / direct.p50()),
        d99,
        round(viaHub.p99() / direct.p99()),
        followSse ? "the event stream" : "%.2f GETs per payment".formatted((double) polls / n),
        met ? "met" : "MISSED");
    System.out.printf("409 TERMINAL_BUSY retries (not timed): %d%n", busyRetries);
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "hub-overhead");
    result.put("environment", env);
    result.put("load_average_1m_end", BenchSupport.loadAverage());
    result.put("rounds", n);
    result.put("warmup_rounds", warmup);
    result.put("terminal_transport", "HTTP");
    result.put("completion_seen_by", followSse ? "sse" : "poll");
    result.put("hub_client", BenchSupport.arg(args, "client", "raw"));
    if (!followSse) {
      result.put("hub_status_reads_per_payment", round((double) polls / n));
    }
    result.put("terminal_busy_retries", busyRetries);
    Map<String, Object> series = new LinkedHashMap<>();
    series.put("hub", viaHub.toMap());
    series.put("direct", direct.toMap());
    series.put("hub_accept", accept.toMap());
    series.put("hub_until_terminal_answer", untilAnswer.toMap());
    series.put("hub_after_terminal_answer", afterAnswer.toMap());
    result.put("series", series);
    Map<String, Object> overhead = new LinkedHashMap<>();
    overhead.put("p50_delta_us", d50);
    overhead.put("p50_ratio", round(viaHub.p50() / direct.p50()));
    overhead.put("p99_delta_us", d99);
    overhead.put("p99_ratio", round(viaHub.p99() / direct.p99()));
    overhead.put("target_p50_delta_us", TARGET_P50_DELTA_US);
    overhead.put("target_met", met);
    result.put("overhead", overhead);
    Path file = BenchSupport.resultFile(args, "hub-overhead", "json");
    Files.writeString(file, BenchSupport.json(result));
    System.out.println("written: " + file);
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}

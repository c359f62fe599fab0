package io.ecrhub.bench;

import com.sun.management.UnixOperatingSystemMXBean;
import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.InMemoryCertificatePins;
import io.ecrhub.ecr.channel.ChannelSettings;
import io.ecrhub.ecr.channel.NettyTerminalChannel;
import io.netty.buffer.PooledByteBufAllocator;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Concurrency capacity: how many payments one JVM (run it with {@code -Xmx256m}) holds in flight
 * through ONE {@link NettyTerminalChannel} while each terminal waits for the card. The terminals
 * are a {@link SimulatorFarm} in another JVM. For each step (e.g. 1000, 2000, 5000) it opens that
 * many payments, one per terminal, as fast as TLS set-up allows (at most {@code --window} opened
 * and not yet held by a terminal at a time, so a loaded machine slows the ramp down instead of
 * timing handshakes out); once the terminals hold them it records heap used after a full GC, live
 * threads, Netty direct memory and open file descriptors; then it waits for every payment to finish
 * and counts the outcomes (all must be Approved). Results go to {@code
 * bench/results/capacity-*.json}, rewritten after every step.
 *
 * <p>Arguments: {@code --steps 1000,2000,5000}, {@code --card-wait-ms 30000}, {@code --window 100},
 * {@code --farm-heap 3g}, {@code --out DIR}. Bounded: a ramp stops opening after 10 minutes, a step
 * ends at most card wait + 105 s after its ramp; the farm stops with this JVM.
 */
public final class CapacityBench {
  private final NettyTerminalChannel channel;
  private final FarmProcess farm;
  private final List<TerminalEndpoint> endpoints;
  private final int window;
  private final Duration cardWait;

  private CapacityBench(
      NettyTerminalChannel channel,
      FarmProcess farm,
      Transport transport,
      int window,
      Duration cardWait) {
    this.channel = channel;
    this.farm = farm;
    this.window = window;
    this.cardWait = cardWait;
    // the caller's read budget must outlast the card wait (the channel's default is 150 s)
    Duration read = cardWait.plusSeconds(60);
    List<TerminalEndpoint> e = new ArrayList<>();
    for (int i = 0; i < farm.ports().size(); i++) {
      TerminalEndpoint ep =
          BenchSupport.endpoint("cap-" + i, farm.ports().get(i), transport, farm.posKey());
      e.add(read.compareTo(ep.readTimeout()) > 0 ? ep.withReadTimeout(read) : ep);
    }
    this.endpoints = List.copyOf(e);
  }

  public static void main(String[] args) throws Exception {
    int[] steps =
        Arrays.stream(BenchSupport.arg(args, "steps", "1000,2000,5000").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    Duration cardWait = Duration.ofMillis(BenchSupport.intArg(args, "card-wait-ms", 30_000));
    int window = BenchSupport.intArg(args, "window", 32);
    Transport transport =
        Transport.valueOf(BenchSupport.arg(args, "transport", "https").toUpperCase(Locale.ROOT));
    BenchSupport.quietChannelLogs();
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("benchmark", "capacity");
    result.put("environment", BenchSupport.environment());
    result.put("transport", transport.name());
    result.put("card_wait_ms", cardWait.toMillis());
    result.put("connecting_window", window);
    List<Object> results = new ArrayList<>();
    result.put("steps", results);
    Path file = BenchSupport.resultFile(args, "capacity", "json");
    int terminals = Arrays.stream(steps).max().orElseThrow();
    System.out.printf(
        "max heap %d MB; starting %d simulated terminals in a separate JVM%n",
        Runtime.getRuntime().maxMemory() / (1024 * 1024), terminals);
    ExecutorService executor = BenchSupport.daemonPool(2, "bench-blocking");
    try (FarmProcess farm =
            FarmProcess.start(
                terminals, transport, cardWait, BenchSupport.arg(args, "farm-heap", "3g"));
        NettyTerminalChannel channel =
            new NettyTerminalChannel(
                ChannelSettings.defaults(),
                BenchSupport.anchorsWith(farm.caPem()),
                new InMemoryCertificatePins(),
                executor,
                Clock.systemUTC())) {
      CapacityBench bench = new CapacityBench(channel, farm, transport, window, cardWait);
      for (int s = 0; s < steps.length; s++) {
        if (s > 0) {
          // let the previous step's keep-alive connections expire so each step starts clean
          Thread.sleep(ChannelSettings.defaults().keepAliveIdle().plusSeconds(5).toMillis());
        }
        Map<String, Object> step = bench.step(s, steps[s]);
        results.add(step);
        Files.writeString(file, BenchSupport.json(result));
        System.out.println("step " + BenchSupport.json(step));
      }
    } finally {
      executor.shutdownNow();
    }
    result.put("load_average_1m_end", BenchSupport.loadAverage());
    Files.writeString(file, BenchSupport.json(result));
    System.out.println("written: " + file);
  }

  private Map<String, Object> step(int stepNo, int n) throws InterruptedException {
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    System.gc();
    long baselineHeap = heapUsed();
    threads.resetPeakThreadCount();
    farm.takePeak();
    CountDownLatch done = new CountDownLatch(n);
    Map<String, LongAdder> outcomes = new ConcurrentHashMap<>();
    long[] completion = new long[n];
    System.out.printf(
        "step %d: opening %d payments, at most %d connecting at a time%n", stepNo + 1, n, window);
    long t0 = System.nanoTime();
    long rampDeadline = t0 + TimeUnit.MINUTES.toNanos(10);
    int opened = 0;
    for (int i = 0; i < n && System.nanoTime() < rampDeadline; i++, opened++) {
      while (i - farm.held() - (n - done.getCount()) >= window
          && System.nanoTime() < rampDeadline) {
        Thread.sleep(10);
      }
      int k = i;
      long sent = System.nanoTime();
      channel
          .send(endpoints.get(i), BenchSupport.pay("cap" + stepNo + "-" + i))
          .whenComplete(
              (o, e) -> {
                completion[k] = System.nanoTime() - sent;
                String kind = e != null ? "Exception" : o.getClass().getSimpleName();
                if (o instanceof TerminalOutcome.NotSent ns) {
                  kind += "(" + ns.cause() + ")";
                }
                outcomes.computeIfAbsent(kind, x -> new LongAdder()).increment();
                done.countDown();
              });
    }
    double ramp = (System.nanoTime() - t0) / 1e9;
    if (opened < n) {
      outcomes.computeIfAbsent("NotOpened(ramp over 10 min)", x -> new LongAdder()).add(n - opened);
      for (int j = opened; j < n; j++) {
        done.countDown();
      }
    }
    // the terminals hold every payment still open: at most 15 s more for stragglers to arrive
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
    while (farm.held() < done.getCount() && System.nanoTime() < until) {
      Thread.sleep(100);
    }
    long heldAtMeasure = farm.held();
    long openAtMeasure = done.getCount();
    System.gc();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("payments", n);
    m.put("opened", opened);
    m.put("ramp_s", round(ramp));
    m.put("open_rate_per_s", round(opened / ramp));
    m.put("held_by_terminals_at_measure", heldAtMeasure);
    m.put("open_in_channel_at_measure", openAtMeasure);
    m.put("heap_used_after_gc_mb", round(heapUsed() / 1048576.0));
    m.put("heap_used_after_gc_before_step_mb", round(baselineHeap / 1048576.0));
    m.put("live_threads", threads.getThreadCount());
    m.put(
        "netty_direct_mb",
        round(PooledByteBufAllocator.DEFAULT.metric().usedDirectMemory() / 1048576.0));
    m.put("open_fds", openFds());
    boolean finished = done.await(cardWait.plusSeconds(90).toSeconds(), TimeUnit.SECONDS);
    m.put("peak_held_by_terminals", farm.takePeak());
    m.put("peak_threads", threads.getPeakThreadCount());
    m.put("all_finished", finished);
    Map<String, Object> counted = new TreeMap<>();
    outcomes.forEach((k, v) -> counted.put(k, v.sum()));
    m.put("outcomes", counted);
    m.put("all_approved", finished && counted.equals(Map.of("Approved", (long) n)));
    long[] sorted = Arrays.copyOf(completion, Math.max(1, opened));
    Arrays.sort(sorted);
    m.put("completion_p50_s", round(sorted[sorted.length / 2] / 1e9));
    m.put("completion_max_s", round(sorted[sorted.length - 1] / 1e9));
    return m;
  }

  private static long heapUsed() {
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static long openFds() {
    return ManagementFactory.getOperatingSystemMXBean() instanceof UnixOperatingSystemMXBean u
        ? u.getOpenFileDescriptorCount()
        : -1;
  }

  private static double round(double v) {
    return Math.round(v * 10) / 10.0;
  }
}

package io.ecrhub.bench;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/** Latency samples ({@code System.nanoTime()} differences) and their nearest-rank percentiles. */
public final class Latencies {
  private final long[] nanos;
  private int count;

  public Latencies(int capacity) {
    this.nanos = new long[capacity];
  }

  public void add(long elapsedNanos) {
    nanos[count++] = elapsedNanos;
  }

  /** Percentiles in microseconds. */
  public Summary summary() {
    long[] sorted = Arrays.copyOf(nanos, count);
    Arrays.sort(sorted);
    double mean = Arrays.stream(sorted).average().orElse(0);
    return new Summary(
        count,
        micros(rank(sorted, 50)),
        micros(rank(sorted, 90)),
        micros(rank(sorted, 99)),
        micros(count == 0 ? 0 : sorted[count - 1]),
        micros(mean));
  }

  private static long rank(long[] sorted, double percentile) {
    if (sorted.length == 0) {
      return 0;
    }
    int index = (int) Math.ceil(percentile / 100.0 * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }

  private static double micros(double nanos) {
    return Math.round(nanos / 100.0) / 10.0;
  }

  /** Percentiles of one series, in microseconds. */
  public record Summary(int n, double p50, double p90, double p99, double max, double mean) {
    public Map<String, Object> toMap() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("n", n);
      m.put("p50_us", p50);
      m.put("p90_us", p90);
      m.put("p99_us", p99);
      m.put("max_us", max);
      m.put("mean_us", mean);
      return m;
    }
  }
}

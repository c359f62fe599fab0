package io.ecrhub.notify.intake;

import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Which rejected notifications (bad or missing signature, malformed) are kept as samples for an
 * admin: at most {@code perSource} per minute from one source address and at most {@code perMinute}
 * per minute in all; the others are only counted. Decided in memory before anything is stored, so a
 * flood costs no database work beyond its samples (ADR 0009). Per instance: with several hub
 * instances each keeps its own samples.
 */
public final class RejectSampler {
  private final int perSource;
  private final int perMinute;
  private final Clock clock;
  // the current minute's admitted samples per source; at most perMinute sources are ever held
  private final Map<String, Integer> bySource = new HashMap<>();
  private long minute = Long.MIN_VALUE;
  private int total;

  /**
   * @param perSource samples kept per source address and minute (0 keeps none)
   * @param perMinute samples kept per minute in all (0 keeps none)
   */
  public RejectSampler(int perSource, int perMinute, Clock clock) {
    if (perSource < 0 || perMinute < 0) {
      throw new IllegalArgumentException("perSource and perMinute must not be negative");
    }
    this.perSource = perSource;
    this.perMinute = perMinute;
    this.clock = Objects.requireNonNull(clock);
  }

  /** Keeps every rejected notification (tests and tools; never the hub's intake). */
  public static RejectSampler keepAll(Clock clock) {
    return new RejectSampler(Integer.MAX_VALUE, Integer.MAX_VALUE, clock);
  }

  /** Whether this rejected request from {@code source} is kept as a sample; counts it if so. */
  public synchronized boolean admit(String source) {
    long now = Math.floorDiv(clock.millis(), 60_000L);
    if (now != minute) {
      minute = now;
      bySource.clear();
      total = 0;
    }
    if (total >= perMinute) {
      return false;
    }
    String key = source == null ? "" : source;
    int n = bySource.getOrDefault(key, 0);
    if (n >= perSource) {
      return false;
    }
    bySource.put(key, n + 1);
    total++;
    return true;
  }
}

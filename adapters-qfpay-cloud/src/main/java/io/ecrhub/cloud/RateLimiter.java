package io.ecrhub.cloud;

import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * QFPay's per-merchant limits (protocol doc §8.1) as two token buckets that must both have a token:
 * {@code perSecond} per second and {@code perMinute} per minute, each with a burst of its whole
 * allowance. Credit is kept in nanoseconds, so no rounding drifts. Thread-safe.
 */
final class RateLimiter {
  private final Bucket second;
  private final Bucket minute;
  private final LongSupplier nanoTime;

  RateLimiter(int perSecond, int perMinute, LongSupplier nanoTime) {
    this.nanoTime = nanoTime;
    long now = nanoTime.getAsLong();
    this.second = new Bucket(perSecond, Duration.ofSeconds(1).toNanos(), now);
    this.minute = new Bucket(perMinute, Duration.ofMinutes(1).toNanos(), now);
  }

  /**
   * Takes a token from both buckets and answers 0, or takes nothing and answers how many
   * nanoseconds to wait before asking again.
   */
  synchronized long tryAcquire() {
    long now = nanoTime.getAsLong();
    second.refill(now);
    minute.refill(now);
    long wait = Math.max(second.shortfall(), minute.shortfall());
    if (wait == 0) {
      second.take();
      minute.take();
    }
    return wait;
  }

  private static final class Bucket {
    private final long cost; // nanoseconds of credit per request
    private final long capacity;
    private long credit;
    private long last;

    Bucket(int perPeriod, long periodNanos, long now) {
      this.cost = periodNanos / perPeriod;
      this.capacity = cost * perPeriod;
      this.credit = capacity;
      this.last = now;
    }

    void refill(long now) {
      long elapsed = now - last;
      if (elapsed > 0) {
        credit = Math.min(capacity, credit + elapsed);
        last = now;
      }
    }

    long shortfall() {
      return credit >= cost ? 0 : cost - credit;
    }

    void take() {
      credit -= cost;
    }
  }
}

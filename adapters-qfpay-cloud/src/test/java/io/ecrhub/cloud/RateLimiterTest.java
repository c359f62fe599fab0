package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimiterTest {
  private final AtomicLong now = new AtomicLong(1_000);

  @Test
  void aHundredPerSecondThenTenMillisecondsApart() {
    RateLimiter l = new RateLimiter(100, 400, now::get);
    for (int i = 0; i < 100; i++) {
      assertThat(l.tryAcquire()).as("request %d", i).isZero();
    }
    assertThat(l.tryAcquire()).isEqualTo(TimeUnit.MILLISECONDS.toNanos(10));
    now.addAndGet(TimeUnit.MILLISECONDS.toNanos(10));
    assertThat(l.tryAcquire()).isZero();
  }

  @Test
  void fourHundredPerMinuteEvenWhenEachSecondHasRoom() {
    RateLimiter l = new RateLimiter(100, 400, now::get);
    int granted = 0;
    for (int second = 0; second < 10; second++) {
      for (int i = 0; i < 100; i++) {
        if (l.tryAcquire() == 0) {
          granted++;
        }
      }
      now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    }
    while (l.tryAcquire() == 0) {
      granted++; // what the last second of refill allows
    }
    // 400 at once, then one per 150 ms of the minute bucket: 10 s bring about 66 more
    assertThat(granted).isBetween(400 + 60, 400 + 67);
    long wait = l.tryAcquire();
    assertThat(wait).isPositive().isLessThanOrEqualTo(TimeUnit.MILLISECONDS.toNanos(150));
  }

  @Test
  void aRefusedRequestTakesNoToken() {
    RateLimiter l = new RateLimiter(1, 400, now::get);
    assertThat(l.tryAcquire()).isZero();
    assertThat(l.tryAcquire()).isPositive();
    assertThat(l.tryAcquire()).isPositive();
    now.addAndGet(TimeUnit.SECONDS.toNanos(1));
    assertThat(l.tryAcquire()).isZero();
  }
}

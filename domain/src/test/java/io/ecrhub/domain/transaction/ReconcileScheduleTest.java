package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ReconcileScheduleTest {
  private static final Instant SENT = Instant.parse("2026-03-02T02:00:00Z");

  @Test
  void delays_backOffThenGoHourly() {
    List<Duration> delays = new ArrayList<>();
    for (int attempts = 0; attempts < 11; attempts++) {
      delays.add(ReconcileSchedule.delayAfter(attempts));
    }

    assertThat(delays)
        .containsExactly(
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            Duration.ofSeconds(30),
            Duration.ofMinutes(1),
            Duration.ofMinutes(2),
            Duration.ofMinutes(5),
            Duration.ofMinutes(10),
            Duration.ofMinutes(30),
            Duration.ofHours(1),
            Duration.ofHours(1),
            Duration.ofHours(1));
  }

  @Test
  void next_isNowPlusTheDelay() {
    Instant now = SENT.plusSeconds(5);

    assertThat(ReconcileSchedule.next(1, SENT, now)).contains(now.plusSeconds(15));
  }

  @Test
  void next_isCappedAtThe24HourMarkAndThenStops() {
    Instant lateAttempt = SENT.plus(Duration.ofHours(23)).plus(Duration.ofMinutes(30));

    assertThat(ReconcileSchedule.next(20, SENT, lateAttempt))
        .contains(SENT.plus(Duration.ofHours(24)));
    assertThat(ReconcileSchedule.next(21, SENT, SENT.plus(Duration.ofHours(24)))).isEmpty();
    assertThat(ReconcileSchedule.givenUp(SENT, SENT.plus(Duration.ofHours(24)))).isTrue();
    assertThat(ReconcileSchedule.givenUp(SENT, SENT.plus(Duration.ofHours(23)))).isFalse();
  }

  @Test
  void followingTheScheduleFromTheStart_makesAboutThirtyAttemptsIn24Hours() {
    Instant now = SENT.plusSeconds(5);
    int attempts = 0;
    Optional<Instant> next;
    do {
      attempts++;
      next = ReconcileSchedule.next(attempts, SENT, now);
      if (next.isPresent()) {
        assertThat(next.get()).isAfter(now);
        now = next.get();
      }
    } while (next.isPresent() && attempts < 100);

    assertThat(attempts).isBetween(28, 34);
    assertThat(now).isEqualTo(SENT.plus(Duration.ofHours(24)));
  }
}

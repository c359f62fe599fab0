package io.ecrhub.domain.notification.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class BackoffScheduleTest {
  static final Instant T0 = Instant.parse("2025-01-01T00:00:00Z");

  @Test
  void delaysGrowExponentially_upToTheCap() {
    BackoffSchedule b =
        new BackoffSchedule(
            Duration.ofSeconds(30), 2.0, Duration.ofHours(4), Duration.ofHours(24), 40);

    assertThat(b.ceiling(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(b.ceiling(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(b.ceiling(5)).isEqualTo(Duration.ofSeconds(480));
    assertThat(b.ceiling(20)).isEqualTo(Duration.ofHours(4));
  }

  @Test
  void jitterStaysBetweenHalfAndAllOfTheDelay() {
    BackoffSchedule b = BackoffSchedule.DEFAULT;

    assertThat(b.next(3, T0, T0, 0.0)).contains(T0.plusSeconds(60));
    assertThat(b.next(3, T0, T0, 0.999999))
        .hasValueSatisfying(
            t -> assertThat(t).isBefore(T0.plusSeconds(121)).isAfter(T0.plusSeconds(119)));
    assertThat(b.next(3, T0, T0, 0.5)).contains(T0.plusSeconds(90));
  }

  @Test
  void defaultSchedule_retriesForAboutADay_thenGivesUp() {
    BackoffSchedule b = BackoffSchedule.DEFAULT;
    Instant now = T0;
    int attempts = 1;
    Optional<Instant> next;
    while ((next = b.next(attempts, T0, now, 1.0)).isPresent()) {
      now = next.get();
      attempts++;
    }
    assertThat(Duration.between(T0, now)).isBetween(Duration.ofHours(20), Duration.ofHours(24));
    assertThat(attempts).isBetween(10, 40);
  }

  @Test
  void maxAttemptsEndsTheSchedule() {
    BackoffSchedule b =
        new BackoffSchedule(
            Duration.ofSeconds(1), 1.0, Duration.ofSeconds(1), Duration.ofDays(1), 3);

    assertThat(b.next(2, T0, T0, 0.5)).isPresent();
    assertThat(b.next(3, T0, T0, 0.5)).isEmpty();
  }

  @Test
  void nonsenseSettingsAreRefused() {
    assertThatThrownBy(
            () ->
                new BackoffSchedule(
                    Duration.ZERO, 2.0, Duration.ofHours(1), Duration.ofHours(1), 3))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(
            () ->
                new BackoffSchedule(
                    Duration.ofSeconds(1), 0.5, Duration.ofHours(1), Duration.ofHours(1), 3))
        .isInstanceOf(ValidationException.class);
  }
}

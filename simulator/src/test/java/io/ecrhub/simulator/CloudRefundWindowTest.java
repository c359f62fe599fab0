package io.ecrhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import org.junit.jupiter.api.Test;

/** The stand-in's 1265 window, read on its own clock (protocol doc §8: 23:30 to 00:30 HKT). */
class CloudRefundWindowTest {
  private static final Clock ANY = Clock.systemUTC();

  @Test
  void qfpaysWindow_isClosedFrom2330To0030HongKongTime_andOpenOtherwise() {
    CloudRefundWindow w = CloudRefundWindow.qfpay(ANY);
    // Hong Kong is UTC+8 all year: 23:30 HKT is 15:30 UTC
    assertThat(w.closedAt(Instant.parse("2026-03-10T15:29:59Z"))).isFalse();
    assertThat(w.closedAt(Instant.parse("2026-03-10T15:30:00Z"))).isTrue();
    assertThat(w.closedAt(Instant.parse("2026-03-10T16:00:00Z"))).isTrue(); // 00:00 HKT
    assertThat(w.closedAt(Instant.parse("2026-03-10T16:29:59Z"))).isTrue();
    assertThat(w.closedAt(Instant.parse("2026-03-10T16:30:00Z"))).isFalse();
    assertThat(w.closedAt(Instant.parse("2026-03-10T04:00:00Z"))).isFalse();
  }

  @Test
  void theWindowIsReadOnItsOwnClock_notOnTheWallClock() {
    assertThat(CloudRefundWindow.qfpayAt(Instant.parse("2026-03-10T15:45:00Z")).closedNow())
        .isTrue();
    assertThat(CloudRefundWindow.qfpayAt(Instant.parse("2026-03-10T16:45:00Z")).closedNow())
        .isFalse();
    assertThat(CloudRefundWindow.alwaysClosed().closedNow()).isTrue();
    assertThat(CloudRefundWindow.alwaysOpen().closedNow()).isFalse();
  }

  @Test
  void aWindowWithinOneDay_andOneParsedFromTheCommandLine() {
    CloudRefundWindow w =
        new CloudRefundWindow(ZoneId.of("UTC"), LocalTime.of(10, 0), LocalTime.of(11, 0), ANY);
    assertThat(w.closedAt(Instant.parse("2026-03-10T09:59:00Z"))).isFalse();
    assertThat(w.closedAt(Instant.parse("2026-03-10T10:30:00Z"))).isTrue();
    assertThat(w.closedAt(Instant.parse("2026-03-10T11:00:00Z"))).isFalse();

    CloudRefundWindow parsed = CloudRefundWindow.parse("22:00-01:00", ANY);
    assertThat(parsed.closes()).isEqualTo(LocalTime.of(22, 0));
    assertThat(parsed.opens()).isEqualTo(LocalTime.of(1, 0));
    assertThat(parsed.zone()).isEqualTo(ZoneId.of("Asia/Hong_Kong"));
    assertThatThrownBy(() -> CloudRefundWindow.parse("23:30", ANY))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> CloudRefundWindow.parse("25:00-01:00", ANY))
        .isInstanceOf(IllegalArgumentException.class);
  }
}

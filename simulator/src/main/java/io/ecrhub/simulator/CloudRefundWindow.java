package io.ecrhub.simulator;

import io.ecrhub.domain.transaction.RefundPolicy;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Objects;

/**
 * When the cloud stand-in refuses {@code /trade/v1/refund} with {@code 1265}: QFPay takes no
 * refunds between 23:30 and 00:30 Hong Kong time (protocol doc §8, code 1265). The window is read
 * on its own clock, so a test decides whether it is open or closed instead of the time of day it
 * runs at.
 *
 * @param zone the zone {@code closes} and {@code opens} are local times of
 * @param closes refunds are refused from this time of day...
 * @param opens ...until this time of day (the next day when it is not after {@code closes})
 * @param clock the clock the window is read on
 */
public record CloudRefundWindow(ZoneId zone, LocalTime closes, LocalTime opens, Clock clock) {
  /** QFPay's documented window: closed from 23:30 to 00:30. */
  public static final LocalTime QFPAY_CLOSES = LocalTime.of(23, 30);

  public static final LocalTime QFPAY_OPENS = LocalTime.of(0, 30);

  /** Hong Kong, where QFPay's HK merchants' day is counted. */
  public static final ZoneId HONG_KONG = RefundPolicy.HONG_KONG;

  public CloudRefundWindow {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(closes, "closes");
    Objects.requireNonNull(opens, "opens");
    Objects.requireNonNull(clock, "clock");
    if (closes.equals(opens)) {
      throw new IllegalArgumentException(
          "the refund window must close and open at different times");
    }
  }

  /** QFPay's window (23:30 to 00:30 Hong Kong time) read on {@code clock}. */
  public static CloudRefundWindow qfpay(Clock clock) {
    return new CloudRefundWindow(HONG_KONG, QFPAY_CLOSES, QFPAY_OPENS, clock);
  }

  /** QFPay's window read on a clock that stands still at {@code at}: open or closed for good. */
  public static CloudRefundWindow qfpayAt(Instant at) {
    return qfpay(Clock.fixed(at, HONG_KONG));
  }

  /** QFPay's window read at noon Hong Kong time: always open. */
  public static CloudRefundWindow alwaysOpen() {
    return qfpayAt(Instant.parse("2026-01-05T04:00:00Z"));
  }

  /** QFPay's window read at 23:45 Hong Kong time: always closed. */
  public static CloudRefundWindow alwaysClosed() {
    return qfpayAt(Instant.parse("2026-01-05T15:45:00Z"));
  }

  /** Whether refunds are refused now (on this window's clock). */
  public boolean closedNow() {
    return closedAt(clock.instant());
  }

  /** Whether refunds are refused at {@code at}. */
  public boolean closedAt(Instant at) {
    LocalTime t = at.atZone(zone).toLocalTime();
    return closes.isBefore(opens)
        ? !t.isBefore(closes) && t.isBefore(opens)
        : !t.isBefore(closes) || t.isBefore(opens);
  }

  /**
   * {@code "23:30-00:30"}: QFPay's times of day in Hong Kong on {@code clock}.
   *
   * @throws IllegalArgumentException when {@code text} is not {@code HH:MM-HH:MM}
   */
  public static CloudRefundWindow parse(String text, Clock clock) {
    String[] parts = text.trim().split("-");
    if (parts.length != 2) {
      throw new IllegalArgumentException("refund window must be HH:MM-HH:MM, e.g. 23:30-00:30");
    }
    try {
      return new CloudRefundWindow(
          HONG_KONG, LocalTime.parse(parts[0].trim()), LocalTime.parse(parts[1].trim()), clock);
    } catch (java.time.format.DateTimeParseException e) {
      throw new IllegalArgumentException("refund window must be HH:MM-HH:MM, e.g. 23:30-00:30", e);
    }
  }

  /** {@code 23:30-00:30 Asia/Hong_Kong}. */
  @Override
  public String toString() {
    return closes + "-" + opens + " " + zone;
  }
}

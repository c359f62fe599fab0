package io.ecrhub.app.persistence;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as both databases store them: microsecond precision; free text clipped to its column.
 */
public final class Times {
  private Times() {}

  public static Instant db(Instant t) {
    return t == null ? null : t.truncatedTo(ChronoUnit.MICROS);
  }

  /** Clips free text to a column's length. */
  public static String clip(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max);
  }
}

package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.ValidationException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A time window of QFPay's transaction enquiry ({@code start_time}/{@code end_time}, protocol doc
 * §8.3): from {@code from} inclusive to {@code to} exclusive, whole seconds (QFPay's format has no
 * fractions), at most {@link #MAX} long. QFPay documents no maximum; it requires both ends for a
 * window that crosses a month (its default is the current month), so the hub always sends both and
 * keeps a window within a month's length.
 */
public record CloudWindow(Instant from, Instant to) {
  /** The longest window the hub asks for. */
  public static final Duration MAX = Duration.ofDays(31);

  public CloudWindow {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    ValidationException.require(
        from.getNano() == 0 && to.getNano() == 0,
        "INVALID_CLOUD_QUERY",
        "window",
        "a cloud time window is in whole seconds");
    ValidationException.require(
        from.isBefore(to) && !Duration.between(from, to).minus(MAX).isPositive(),
        "INVALID_CLOUD_QUERY",
        "window",
        "a cloud time window runs forward and spans at most " + MAX.toDays() + " days");
  }

  public boolean contains(Instant t) {
    return !t.isBefore(from) && t.isBefore(to);
  }
}

package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.ValidationException;
import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which events a subscription wants: exact names ({@code payment.succeeded}), a family ({@code
 * refund.*}) or everything ({@code *}). Event names: {@code <payment|refund>.<status>} for state
 * changes, {@code <payment|refund>.unknown_resolved} when an UNKNOWN one becomes final, {@code
 * <payment|refund>.updated} for changes that keep the status (review flag, refunded total), {@code
 * <payment|refund>.review_required} when one is flagged for review (it also matches {@code
 * .updated}), {@code preauth.released} for QFPay preauth releases, {@code
 * report.settlement_mismatch} when a stored daily statement found a difference.
 */
public record EventFilter(Set<String> patterns) {
  /** The longest stored form ({@link #text()}): {@code webhook_subscription.events} holds 2000. */
  public static final int MAX_TEXT = 2000;

  private static final String PATTERN = "\\*|[a-z][a-z_]{0,31}\\.(\\*|[a-z][a-z_]{0,31})";

  public EventFilter {
    ValidationException.require(
        patterns != null && !patterns.isEmpty() && patterns.size() <= 50,
        "INVALID_EVENT_FILTER",
        "events",
        "events must name 1-50 event types such as payment.succeeded, refund.* or *");
    for (String p : patterns) {
      ValidationException.require(
          p != null && p.matches(PATTERN),
          "INVALID_EVENT_FILTER",
          "events",
          "event type '" + p + "' is not of the form payment.succeeded, refund.* or *");
    }
    patterns = Set.copyOf(new TreeSet<>(patterns));
    ValidationException.require(
        String.join(",", patterns).length() <= MAX_TEXT,
        "INVALID_EVENT_FILTER",
        "events",
        "events may take at most " + MAX_TEXT + " characters written out; use refund.* or *");
  }

  /** The stored form: the patterns in order, comma-separated (at most {@link #MAX_TEXT}). */
  public String text() {
    return String.join(",", new TreeSet<>(patterns));
  }

  public static EventFilter of(String... patterns) {
    return new EventFilter(Set.of(patterns));
  }

  /** Whether any of the names an event is known by matches a pattern. */
  public boolean matches(Collection<String> eventNames) {
    for (String name : eventNames) {
      for (String p : patterns) {
        if (p.equals("*")
            || p.equals(name)
            || (p.endsWith(".*") && name.startsWith(p.substring(0, p.length() - 1)))) {
          return true;
        }
      }
    }
    return false;
  }
}

package io.ecrhub.domain.testing;

import io.ecrhub.domain.notification.delivery.EventFilter;
import java.util.ArrayList;
import java.util.List;

/** Event filters at the edge of what the domain accepts. */
public final class EventFilters {
  private EventFilters() {}

  /** Distinct patterns of the longest form (65 characters) whose written-out form is {@code n}. */
  public static List<String> patternsWrittenAs(int n) {
    List<String> out = new ArrayList<>();
    int length = -1;
    for (int i = 0; length + 1 + 65 <= n; i++) {
      String first = "p" + (char) ('a' + i / 26) + (char) ('a' + i % 26);
      out.add(first + "x".repeat(32 - first.length()) + "." + "y".repeat(32));
      length += 1 + 65;
    }
    int rest = n - length - 1;
    if (rest >= 3) {
      int head = (rest - 1) / 2;
      out.add("q" + "z".repeat(head - 1) + "." + "z".repeat(rest - 1 - head));
    }
    return out;
  }

  /** The widest filter that is stored: exactly {@link EventFilter#MAX_TEXT} characters. */
  public static EventFilter widest() {
    return new EventFilter(java.util.Set.copyOf(patternsWrittenAs(EventFilter.MAX_TEXT)));
  }
}

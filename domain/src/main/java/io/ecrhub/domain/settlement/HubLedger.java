package io.ecrhub.domain.settlement;

import java.time.Instant;
import java.util.List;

/** Port: the hub's payments and refunds recorded in a time window, for the statement. */
public interface HubLedger {
  /**
   * Payments and refunds created at or after {@code from} and before {@code to}, oldest first; at
   * most {@code limit} (the caller refuses a day larger than that rather than report part of it).
   */
  List<HubEntry> createdBetween(Instant from, Instant to, int limit);
}

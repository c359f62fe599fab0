package io.ecrhub.app.metrics;

import java.time.Instant;
import java.util.Optional;

/** Port: what the webhook outbox holds, for the backlog gauges (persistence). */
public interface DeliveryBacklog {
  /** Messages waiting to be delivered (recorded, being delivered or scheduled for a retry). */
  long pending();

  /** Messages given up on (dead letters) still kept. */
  long deadLetters();

  /** When the oldest message still waiting was recorded; empty when none waits. */
  Optional<Instant> oldestPending();
}

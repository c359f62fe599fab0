package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** Port: the durable outbox of messages to consumers and the log of their delivery attempts. */
public interface DeliveryOutbox {
  /** Inserts a new message. */
  void record(OutboxMessage message);

  /** Updates a message; a stale version fails with a concurrency error (another worker won). */
  OutboxMessage save(OutboxMessage message);

  Optional<OutboxMessage> findById(String id);

  /** Messages due at {@code now} (see {@link OutboxMessage#isDue}), oldest due first. */
  List<OutboxMessage> findDue(Instant now, int limit);

  void appendAttempt(DeliveryAttempt attempt);

  /** The attempts of one message, oldest first. */
  List<DeliveryAttempt> attempts(String messageId);

  /** Listing with optional filters (null = any), newest first. */
  Page<OutboxMessage> list(DeliveryStatus status, String subscriptionId, String cursor, int limit);
}

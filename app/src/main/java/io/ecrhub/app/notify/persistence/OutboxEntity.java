package io.ecrhub.app.notify.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import org.hibernate.annotations.DynamicUpdate;

/**
 * Row of {@code webhook_outbox}. A message is inserted at the version its snapshot carries (0);
 * after that Hibernate increments {@code version} by one in the {@code UPDATE … WHERE id = ? AND
 * version = ?} that stores it (only the columns that changed), so of two workers claiming the same
 * message the second one fails.
 */
@Entity
@DynamicUpdate
@Table(name = "webhook_outbox")
class OutboxEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "subscription_id")
  String subscriptionId;

  @Column(name = "event_type")
  String eventType;

  @Column(name = "body")
  byte[] body;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "status")
  String status;

  @Column(name = "attempts")
  int attempts;

  @Column(name = "first_attempt_at")
  Instant firstAttemptAt;

  @Column(name = "next_attempt_at")
  Instant nextAttemptAt;

  @Column(name = "last_attempt_at")
  Instant lastAttemptAt;

  @Column(name = "delivered_at")
  Instant deliveredAt;

  @Column(name = "last_error")
  String lastError;

  @Version
  @Column(name = "version")
  long version;
}

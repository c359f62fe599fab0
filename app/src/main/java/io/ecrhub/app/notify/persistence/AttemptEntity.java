package io.ecrhub.app.notify.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code webhook_attempt}: one delivery attempt of an outbox message (append only). */
@Entity
@Table(name = "webhook_attempt")
class AttemptEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  Long id;

  @Column(name = "message_id")
  String messageId;

  @Column(name = "attempt_no")
  int attemptNo;

  @Column(name = "started_at")
  Instant startedAt;

  @Column(name = "latency_ms")
  long latencyMs;

  @Column(name = "http_status")
  Integer httpStatus;

  @Column(name = "success")
  boolean success;

  @Column(name = "error")
  String error;

  @Column(name = "response_snippet")
  String responseSnippet;
}

package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code transaction_event}; the identity id, allocated in commit order, orders the log. */
@Entity
@Table(name = "transaction_event")
class TransactionEventEntity {
  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  @Column(name = "id")
  Long id;

  @Column(name = "type")
  String type;

  @Column(name = "aggregate_id")
  String aggregateId;

  @Column(name = "payment_id")
  String paymentId;

  @Column(name = "terminal_id")
  String terminalId;

  @Column(name = "from_status")
  String fromStatus;

  @Column(name = "to_status")
  String toStatus;

  @Column(name = "reason")
  String reason;

  @Column(name = "occurred_at")
  Instant occurredAt;
}

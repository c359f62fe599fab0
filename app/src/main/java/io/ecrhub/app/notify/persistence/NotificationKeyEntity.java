package io.ecrhub.app.notify.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code notification_key}: the key sealed for this row, never in clear. */
@Entity
@Table(name = "notification_key")
class NotificationKeyEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "sealed_key")
  String sealedKey;

  /** Comma-separated routing tokens; empty = any. */
  @Column(name = "routes")
  String routes;

  @Column(name = "description")
  String description;

  @Column(name = "created_at")
  Instant createdAt;
}

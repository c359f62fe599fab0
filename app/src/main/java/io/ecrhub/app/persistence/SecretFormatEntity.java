package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code secret_format}: a sealed-secret format upgrade that finished, and when. */
@Entity
@Table(name = "secret_format")
class SecretFormatEntity {
  @Id
  @Column(name = "format")
  String format;

  @Column(name = "completed_at")
  Instant completedAt;
}

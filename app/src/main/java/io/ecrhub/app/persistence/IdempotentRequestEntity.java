package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.IdClass;
import jakarta.persistence.Table;
import java.io.Serializable;
import java.time.Instant;
import java.util.Objects;

/** Row of {@code idempotent_request}: one claimed Idempotency-Key and, once done, its answer. */
@Entity
@Table(name = "idempotent_request")
@IdClass(IdempotentRequestEntity.Key.class)
class IdempotentRequestEntity {
  @Id
  @Column(name = "operation")
  String operation;

  @Id
  @Column(name = "scoped_key")
  String scopedKey;

  @Column(name = "fingerprint")
  String fingerprint;

  @Column(name = "resource_id")
  String resourceId;

  @Column(name = "response_status")
  Integer responseStatus;

  @Column(name = "response_type")
  String responseType;

  @Column(name = "response_body")
  String responseBody;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "completed_at")
  Instant completedAt;

  /** The primary key (operation, scoped_key). */
  static class Key implements Serializable {
    private static final long serialVersionUID = 1L;
    String operation;
    String scopedKey;

    Key() {}

    Key(String operation, String scopedKey) {
      this.operation = operation;
      this.scopedKey = scopedKey;
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Key k
          && Objects.equals(operation, k.operation)
          && Objects.equals(scopedKey, k.scopedKey);
    }

    @Override
    public int hashCode() {
      return Objects.hash(operation, scopedKey);
    }
  }
}

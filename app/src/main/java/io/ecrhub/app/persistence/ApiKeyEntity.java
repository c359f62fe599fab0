package io.ecrhub.app.persistence;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** Row of {@code api_key}: the key's SHA-256, never the key. Scopes comma separated. */
@Entity
@Table(name = "api_key")
class ApiKeyEntity {
  @Id
  @Column(name = "id")
  String id;

  @Column(name = "name")
  String name;

  @Column(name = "key_hash")
  String keyHash;

  @Column(name = "key_prefix")
  String keyPrefix;

  @Column(name = "role")
  String role;

  @Column(name = "scope_stores")
  String scopeStores;

  @Column(name = "scope_terminals")
  String scopeTerminals;

  @Column(name = "created_at")
  Instant createdAt;

  @Column(name = "revoked_at")
  Instant revokedAt;
}

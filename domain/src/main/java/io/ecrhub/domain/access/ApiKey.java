package io.ecrhub.domain.access;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A stored API key: its SHA-256 (never the key), a short prefix for recognising it, its role and
 * scope.
 */
public record ApiKey(
    String id,
    String name,
    String keyHash,
    String keyPrefix,
    Role role,
    Scope scope,
    Instant createdAt,
    Instant revokedAt) {
  public ApiKey {
    Objects.requireNonNull(id);
    Objects.requireNonNull(keyHash);
    Objects.requireNonNull(role);
    scope = scope == null ? Scope.ALL : scope;
  }

  public boolean revoked() {
    return revokedAt != null;
  }

  public Optional<Instant> revokedAtOpt() {
    return Optional.ofNullable(revokedAt);
  }
}

package io.ecrhub.domain.access;

import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.util.Optional;

/** Port: stored API keys (persistence). */
public interface ApiKeys {
  ApiKey insert(ApiKey key);

  Optional<ApiKey> findById(String id);

  Optional<ApiKey> findByHash(String keyHash);

  /** Keys ordered by id, after {@code cursor}. */
  Page<ApiKey> list(String cursor, int limit);

  /** Marks the key revoked; false when there is no such key. */
  boolean revoke(String id, Instant at);
}

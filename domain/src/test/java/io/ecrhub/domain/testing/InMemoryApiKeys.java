package io.ecrhub.domain.testing;

import io.ecrhub.domain.access.ApiKey;
import io.ecrhub.domain.access.ApiKeys;
import io.ecrhub.domain.shared.Page;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** In-memory {@link ApiKeys}: keys by id, listed in id order. */
public final class InMemoryApiKeys implements ApiKeys {
  private final Map<String, ApiKey> byId = new TreeMap<>();

  @Override
  public synchronized ApiKey insert(ApiKey key) {
    if (byId.putIfAbsent(key.id(), key) != null) {
      throw new IllegalStateException("duplicate key id " + key.id());
    }
    return key;
  }

  @Override
  public synchronized Optional<ApiKey> findById(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  @Override
  public synchronized Optional<ApiKey> findByHash(String keyHash) {
    return byId.values().stream().filter(k -> k.keyHash().equals(keyHash)).findFirst();
  }

  @Override
  public synchronized Page<ApiKey> list(String cursor, int limit) {
    List<ApiKey> after =
        byId.values().stream().filter(k -> cursor == null || k.id().compareTo(cursor) > 0).toList();
    List<ApiKey> page = after.stream().limit(limit).toList();
    String next = after.size() > limit ? page.get(page.size() - 1).id() : null;
    return new Page<>(page, next);
  }

  @Override
  public synchronized boolean revoke(String id, Instant at) {
    ApiKey k = byId.get(id);
    if (k == null) {
      return false;
    }
    if (!k.revoked()) {
      byId.put(
          id,
          new ApiKey(
              k.id(),
              k.name(),
              k.keyHash(),
              k.keyPrefix(),
              k.role(),
              k.scope(),
              k.createdAt(),
              at));
    }
    return true;
  }
}

package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.ApiKeyRepository;
import io.ecrhub.app.web.Cursors;
import io.ecrhub.domain.access.ApiKey;
import io.ecrhub.domain.access.ApiKeys;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/** Adapter: API keys in {@code api_key} (hashes only). */
@ApplicationScoped
@Transactional
public class PanacheApiKeys implements ApiKeys {
  private final ApiKeyRepository repo;

  @Inject
  PanacheApiKeys(ApiKeyRepository repo) {
    this.repo = repo;
  }

  @Override
  public ApiKey insert(ApiKey key) {
    ApiKeyEntity e = new ApiKeyEntity();
    e.id = key.id();
    e.name = key.name();
    e.keyHash = key.keyHash();
    e.keyPrefix = key.keyPrefix();
    e.role = key.role().name();
    e.scopeStores = join(key.scope().stores());
    e.scopeTerminals = join(key.scope().terminals());
    e.createdAt = Times.db(key.createdAt());
    e.revokedAt = Times.db(key.revokedAt());
    repo.persist(e);
    return toDomain(e);
  }

  @Override
  public Optional<ApiKey> findById(String id) {
    return repo.findByIdOptional(id).map(PanacheApiKeys::toDomain);
  }

  @Override
  public Optional<ApiKey> findByHash(String keyHash) {
    return repo.find("keyHash", keyHash).firstResultOptional().map(PanacheApiKeys::toDomain);
  }

  @Override
  public Page<ApiKey> list(String cursor, int limit) {
    List<ApiKeyEntity> rows =
        cursor == null
            ? repo.find("order by id").range(0, limit).list()
            : repo.find("id > ?1 order by id", Cursors.idOf(cursor)).range(0, limit).list();
    boolean more = rows.size() > limit;
    List<ApiKeyEntity> page = more ? rows.subList(0, limit) : rows;
    String next = more ? Cursors.ofId(page.get(page.size() - 1).id) : null;
    return new Page<>(page.stream().map(PanacheApiKeys::toDomain).toList(), next);
  }

  @Override
  public boolean revoke(String id, Instant at) {
    ApiKeyEntity e = repo.findById(id);
    if (e == null) {
      return false;
    }
    if (e.revokedAt == null) {
      e.revokedAt = Times.db(at);
    }
    return true;
  }

  private static ApiKey toDomain(ApiKeyEntity e) {
    return new ApiKey(
        e.id,
        e.name,
        e.keyHash,
        e.keyPrefix,
        Role.valueOf(e.role),
        new Scope(split(e.scopeStores), split(e.scopeTerminals)),
        e.createdAt,
        e.revokedAt);
  }

  private static String join(Set<String> values) {
    return values.isEmpty() ? null : String.join(",", new TreeSet<>(values));
  }

  private static Set<String> split(String joined) {
    return joined == null || joined.isEmpty()
        ? Set.of()
        : Arrays.stream(joined.split(",")).collect(Collectors.toSet());
  }
}

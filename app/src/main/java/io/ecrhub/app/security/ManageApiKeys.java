package io.ecrhub.app.security;

import io.ecrhub.domain.access.ApiKey;
import io.ecrhub.domain.access.ApiKeyRegistry;
import io.ecrhub.domain.access.ApiKeys;
import io.ecrhub.domain.access.KeyHashing;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;

/**
 * The domain's {@link io.ecrhub.domain.access.ManageApiKeys} as a bean: key material from {@link
 * KeyHashing}, each revocation announced as a CDI {@link ApiKeyRevoked} event (open event streams
 * end at once).
 */
@ApplicationScoped
public class ManageApiKeys implements io.ecrhub.domain.access.ManageApiKeys {
  private final ApiKeyRegistry registry;

  @Inject
  public ManageApiKeys(ApiKeys keys, IdGenerator ids, Clock clock, Event<ApiKeyRevoked> revoked) {
    this.registry =
        new ApiKeyRegistry(
            keys, ids, clock, KeyHashing::newKey, id -> revoked.fire(new ApiKeyRevoked(id)));
  }

  /** Creates a key named {@code name}; see {@link #create(Create)}. */
  public Created create(String name, Role role, Scope scope) {
    return create(new Create(name, role, scope));
  }

  @Override
  public Created create(Create command) {
    return registry.create(command);
  }

  @Override
  public ApiKey get(String id) {
    return registry.get(id);
  }

  @Override
  public Page<ApiKey> list(String cursor, int limit) {
    return registry.list(cursor, limit);
  }

  @Override
  public ApiKey revoke(String id) {
    return registry.revoke(id);
  }
}

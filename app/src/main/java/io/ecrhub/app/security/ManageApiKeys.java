package io.ecrhub.app.security;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.ValidationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.inject.Inject;
import java.time.Clock;

/** Use case: admins create, list and revoke API keys. The key itself is shown only at creation. */
@ApplicationScoped
public class ManageApiKeys {
  private final ApiKeys keys;
  private final IdGenerator ids;
  private final Clock clock;
  private final Event<ApiKeyRevoked> revoked;

  @Inject
  public ManageApiKeys(ApiKeys keys, IdGenerator ids, Clock clock, Event<ApiKeyRevoked> revoked) {
    this.keys = keys;
    this.ids = ids;
    this.clock = clock;
    this.revoked = revoked;
  }

  /** A freshly created key with its one-time plaintext. */
  public record Created(ApiKey key, String plaintext) {
    @Override
    public String toString() {
      return "Created[" + key.id() + "]";
    }
  }

  public Created create(String name, Role role, Scope scope) {
    ValidationException.require(
        name != null && !name.isBlank() && name.length() <= 100,
        "INVALID_NAME",
        "name",
        "name is required (1-100 characters)");
    String plaintext = KeyHashing.newKey();
    ApiKey key =
        new ApiKey(
            "key_" + ids.next(),
            name.trim(),
            KeyHashing.hash(plaintext),
            KeyHashing.displayPrefix(plaintext),
            role,
            scope,
            clock.instant(),
            null);
    return new Created(keys.insert(key), plaintext);
  }

  public ApiKey get(String id) {
    return keys.findById(id)
        .orElseThrow(() -> new NotFoundException("API_KEY_NOT_FOUND", "no API key " + id));
  }

  public Page<ApiKey> list(String cursor, int limit) {
    return keys.list(cursor, limit);
  }

  public ApiKey revoke(String id) {
    if (!keys.revoke(id, clock.instant())) {
      throw new NotFoundException("API_KEY_NOT_FOUND", "no API key " + id);
    }
    revoked.fire(new ApiKeyRevoked(id));
    return get(id);
  }
}

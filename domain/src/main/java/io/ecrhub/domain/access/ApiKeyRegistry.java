package io.ecrhub.domain.access;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import java.time.Clock;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * {@link ManageApiKeys} over the {@link ApiKeys} store: only a key's SHA-256 and a short display
 * prefix are stored; the plaintext comes from {@code newKeys} and is returned once.
 */
public final class ApiKeyRegistry implements ManageApiKeys {
  private final ApiKeys keys;
  private final IdGenerator ids;
  private final Clock clock;
  private final Supplier<String> newKeys;
  private final ApiKeyRevocations revocations;

  /**
   * @param newKeys fresh key material ({@link KeyHashing#newKey} in production)
   * @param revocations told of each revocation
   */
  public ApiKeyRegistry(
      ApiKeys keys,
      IdGenerator ids,
      Clock clock,
      Supplier<String> newKeys,
      ApiKeyRevocations revocations) {
    this.keys = Objects.requireNonNull(keys, "keys");
    this.ids = Objects.requireNonNull(ids, "ids");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.newKeys = Objects.requireNonNull(newKeys, "newKeys");
    this.revocations = Objects.requireNonNull(revocations, "revocations");
  }

  @Override
  public Created create(Create c) {
    String plaintext = newKeys.get();
    ApiKey key =
        new ApiKey(
            "key_" + ids.next(),
            c.name(),
            KeyHashing.hash(plaintext),
            KeyHashing.displayPrefix(plaintext),
            c.role(),
            c.scope(),
            clock.instant(),
            null);
    return new Created(keys.insert(key), plaintext);
  }

  @Override
  public ApiKey get(String id) {
    return keys.findById(id).orElseThrow(() -> notFound(id));
  }

  @Override
  public Page<ApiKey> list(String cursor, int limit) {
    return keys.list(cursor, limit);
  }

  @Override
  public ApiKey revoke(String id) {
    if (!keys.revoke(id, clock.instant())) {
      throw notFound(id);
    }
    revocations.revoked(id);
    return get(id);
  }

  private static NotFoundException notFound(String id) {
    return new NotFoundException("API_KEY_NOT_FOUND", "no API key " + id);
  }
}

package io.ecrhub.app.security;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.access.ApiKeys;
import io.ecrhub.domain.access.KeyHashing;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Secret;
import io.quarkus.runtime.configuration.ConfigurationException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Turns an {@code Authorization: Bearer <api-key>} header into a {@link Caller}: the bootstrap
 * admin key from configuration, or a stored, unrevoked key looked up by its SHA-256.
 */
@ApplicationScoped
public class Authenticator {
  private static final int MIN_BOOTSTRAP_LENGTH = 24;
  private static final String BEARER = "Bearer ";
  private static final String BOOTSTRAP_ID = "bootstrap";

  private final ApiKeys keys;
  private final Optional<byte[]> bootstrapHash;

  @Inject
  public Authenticator(ApiKeys keys, HubConfig config) {
    this.keys = keys;
    Optional<String> bootstrap =
        config.security().bootstrapAdminKey().map(String::trim).filter(s -> !s.isEmpty());
    if (bootstrap.isPresent() && bootstrap.get().length() < MIN_BOOTSTRAP_LENGTH) {
      throw new ConfigurationException(
          "ecrhub.security.bootstrap-admin-key must be at least "
              + MIN_BOOTSTRAP_LENGTH
              + " characters (e.g. openssl rand -hex 24)");
    }
    this.bootstrapHash = bootstrap.map(k -> bytes(KeyHashing.hash(k)));
  }

  public Caller authenticate(String authorization) {
    if (authorization == null || authorization.isBlank()) {
      throw new AuthenticationRequiredException(
          "UNAUTHENTICATED", "send the API key as: Authorization: Bearer <api-key>");
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      throw new AuthenticationRequiredException(
          "UNAUTHENTICATED", "the Authorization header must use the Bearer scheme");
    }
    return authenticateKey(authorization.substring(BEARER.length()).trim());
  }

  /** The caller of a bearer key (the part after {@code Bearer }); 401 when it is not valid. */
  public Caller authenticateKey(String key) {
    if (key == null || key.isEmpty() || key.length() > 200) {
      throw invalid();
    }
    String hash = KeyHashing.hash(key);
    if (bootstrapHash.isPresent() && Secret.constantTimeEquals(bytes(hash), bootstrapHash.get())) {
      return bootstrap();
    }
    return keys.findByHash(hash)
        .filter(k -> !k.revoked())
        .map(k -> new Caller(k.id(), k.name(), k.role(), k.scope()))
        .orElseThrow(Authenticator::invalid);
  }

  /**
   * The caller of key {@code keyId} as it stands now (role and scope as stored), or empty when the
   * key was revoked or removed; for work that outlives its request (event streams).
   */
  public Optional<Caller> current(String keyId) {
    if (BOOTSTRAP_ID.equals(keyId)) {
      return bootstrapHash.isPresent() ? Optional.of(bootstrap()) : Optional.empty();
    }
    return keys.findById(keyId)
        .filter(k -> !k.revoked())
        .map(k -> new Caller(k.id(), k.name(), k.role(), k.scope()));
  }

  private static Caller bootstrap() {
    return new Caller(BOOTSTRAP_ID, "bootstrap admin key", Role.ADMIN, Scope.ALL);
  }

  private static AuthenticationRequiredException invalid() {
    return new AuthenticationRequiredException(
        "INVALID_API_KEY", "the API key is not recognised or has been revoked");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

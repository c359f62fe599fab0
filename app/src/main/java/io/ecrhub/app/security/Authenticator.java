package io.ecrhub.app.security;

import io.ecrhub.app.config.HubConfig;
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
    String key = authorization.substring(BEARER.length()).trim();
    if (key.isEmpty() || key.length() > 200) {
      throw invalid();
    }
    String hash = KeyHashing.hash(key);
    if (bootstrapHash.isPresent() && Secret.constantTimeEquals(bytes(hash), bootstrapHash.get())) {
      return new Caller("bootstrap", "bootstrap admin key", Role.ADMIN, Scope.ALL);
    }
    return keys.findByHash(hash)
        .filter(k -> !k.revoked())
        .map(k -> new Caller(k.id(), k.name(), k.role(), k.scope()))
        .orElseThrow(Authenticator::invalid);
  }

  private static AuthenticationRequiredException invalid() {
    return new AuthenticationRequiredException(
        "INVALID_API_KEY", "the API key is not recognised or has been revoked");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.US_ASCII);
  }
}

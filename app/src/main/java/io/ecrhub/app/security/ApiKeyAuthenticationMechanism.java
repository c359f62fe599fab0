package io.ecrhub.app.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.request.AuthenticationRequest;
import io.quarkus.vertx.http.runtime.security.ChallengeData;
import io.quarkus.vertx.http.runtime.security.HttpAuthenticationMechanism;
import io.smallrye.mutiny.Uni;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Set;

/**
 * Quarkus Security's HTTP mechanism for {@code Authorization: Bearer <api-key>}: no header leaves
 * the request anonymous (an endpoint that needs a key then answers 401 {@code UNAUTHENTICATED}); a
 * header that is not a usable bearer key fails with 401; the key itself is checked by {@link
 * ApiKeyIdentityProvider}. The refusals become problem documents in {@code ProblemMappers}.
 */
@ApplicationScoped
public class ApiKeyAuthenticationMechanism implements HttpAuthenticationMechanism {
  /** The attribute of an {@link AuthenticationFailedException} that carries the problem code. */
  public static final String CODE = "ecrhub.code";

  private static final String BEARER = "Bearer ";
  private static final int MAX_KEY = 200;

  @Override
  public Uni<SecurityIdentity> authenticate(
      RoutingContext context, IdentityProviderManager identityProviderManager) {
    String authorization = context.request().getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null || authorization.isBlank()) {
      return Uni.createFrom().nullItem();
    }
    if (!authorization.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      return Uni.createFrom()
          .failure(
              failed("UNAUTHENTICATED", "the Authorization header must use the Bearer scheme"));
    }
    String key = authorization.substring(BEARER.length()).trim();
    if (key.isEmpty() || key.length() > MAX_KEY) {
      return Uni.createFrom().failure(invalidKey());
    }
    return identityProviderManager.authenticate(new ApiKeyAuthenticationRequest(key));
  }

  @Override
  public Uni<ChallengeData> getChallenge(RoutingContext context) {
    return Uni.createFrom().item(new ChallengeData(401, "WWW-Authenticate", "Bearer"));
  }

  @Override
  public Set<Class<? extends AuthenticationRequest>> getCredentialTypes() {
    return Set.of(ApiKeyAuthenticationRequest.class);
  }

  static AuthenticationFailedException failed(String code, String message) {
    return new AuthenticationFailedException(message, Map.of(CODE, code));
  }

  static AuthenticationFailedException invalidKey() {
    return failed("INVALID_API_KEY", "the API key is not recognised or has been revoked");
  }
}

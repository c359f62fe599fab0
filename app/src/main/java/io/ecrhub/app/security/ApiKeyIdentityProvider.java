package io.ecrhub.app.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.IdentityProvider;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.runtime.QuarkusPrincipal;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Turns a bearer API key into a {@link SecurityIdentity}: principal the key's id, roles from {@link
 * ApiRoles}, and the {@link Caller} (role and scope) as the attribute {@link #CALLER}. The stored
 * key is looked up per request (a revoked key stops working at once).
 */
@ApplicationScoped
public class ApiKeyIdentityProvider implements IdentityProvider<ApiKeyAuthenticationRequest> {
  /** The identity attribute holding the {@link Caller}. */
  public static final String CALLER = "ecrhub.caller";

  private final Authenticator authenticator;

  @Inject
  public ApiKeyIdentityProvider(Authenticator authenticator) {
    this.authenticator = authenticator;
  }

  @Override
  public Class<ApiKeyAuthenticationRequest> getRequestType() {
    return ApiKeyAuthenticationRequest.class;
  }

  @Override
  public Uni<SecurityIdentity> authenticate(
      ApiKeyAuthenticationRequest request, AuthenticationRequestContext context) {
    return context.runBlocking(() -> identity(request.key()));
  }

  private SecurityIdentity identity(String key) {
    Caller caller;
    try {
      caller = authenticator.authenticateKey(key);
    } catch (AuthenticationRequiredException e) {
      throw ApiKeyAuthenticationMechanism.failed(e.code(), e.getMessage());
    }
    if (caller == null) {
      throw new AuthenticationFailedException();
    }
    return identity(caller);
  }

  /** The identity of {@code caller}. */
  public static SecurityIdentity identity(Caller caller) {
    return QuarkusSecurityIdentity.builder()
        .setPrincipal(new QuarkusPrincipal(caller.keyId()))
        .addRoles(ApiRoles.of(caller))
        .addAttribute(CALLER, caller)
        .build();
  }
}

package io.ecrhub.app.security;

import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import java.util.function.Function;

/**
 * The authenticated caller of the current request (from Quarkus Security's {@link
 * SecurityIdentity}) and the scope checks resources apply to every id they take (403 {@code
 * OUT_OF_SCOPE}). Roles are checked before the resource runs, by {@code @RolesAllowed}.
 */
@RequestScoped
public class CallerContext {
  private final SecurityIdentity identity;

  @Inject
  public CallerContext(SecurityIdentity identity) {
    this.identity = identity;
  }

  public Caller caller() {
    Caller caller =
        identity.isAnonymous() ? null : identity.getAttribute(ApiKeyIdentityProvider.CALLER);
    if (caller == null) {
      throw new AuthenticationRequiredException(
          "UNAUTHENTICATED", "send the API key as: Authorization: Bearer <api-key>");
    }
    return caller;
  }

  public void requireAdmin() {
    if (!caller().isAdmin()) {
      throw new AccessDeniedException("ADMIN_REQUIRED", "this operation needs an admin API key");
    }
  }

  /**
   * Checks that the terminal is within the key's scope, loading it with {@code load} only when the
   * scope is limited (an unscoped key covers every terminal; the use case reports a missing one).
   */
  public void requireTerminal(TerminalId id, Function<TerminalId, Terminal> load) {
    if (!caller().scope().unrestricted()) {
      requireTerminal(load.apply(id));
    }
  }

  public void requireTerminal(Terminal t) {
    if (!caller().scope().covers(t)) {
      throw new AccessDeniedException(
          "OUT_OF_SCOPE", "this API key's scope does not include terminal " + t.id());
    }
  }

  public void requireStore(String storeId) {
    if (!caller().scope().coversStore(storeId)) {
      throw new AccessDeniedException(
          "OUT_OF_SCOPE",
          storeId == null
              ? "this API key is limited to some stores; give a storeId within its scope"
              : "this API key's scope does not include store " + storeId);
    }
  }

  /** Refuses (403) unless {@code covered}; for things reached through their terminal. */
  public void requireCovered(boolean covered, String what) {
    if (!covered) {
      throw new AccessDeniedException(
          "OUT_OF_SCOPE", "this API key's scope does not include the terminal of this " + what);
    }
  }

  public boolean covers(Terminal t) {
    return caller().scope().covers(t);
  }
}

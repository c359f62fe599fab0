package io.ecrhub.app.security;

import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.RequestScoped;
import java.util.function.Function;

/**
 * The authenticated caller of the current request and the checks resources apply: role (403 {@code
 * ADMIN_REQUIRED}) and scope (403 {@code OUT_OF_SCOPE}).
 */
@RequestScoped
public class CallerContext {
  private Caller caller;

  void set(Caller c) {
    this.caller = c;
  }

  public Caller caller() {
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

  /** Admin with no scope: needed to manage API keys. */
  public void requireUnscopedAdmin() {
    requireAdmin();
    if (!caller().scope().unrestricted()) {
      throw new AccessDeniedException(
          "ADMIN_REQUIRED", "managing API keys needs an admin key without a scope");
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

package io.ecrhub.app.security;

/**
 * The roles an API key's identity carries, as {@code @RolesAllowed} names them. Every key is a
 * {@link #CASHIER}; an admin key adds {@link #ADMIN}; an admin key without a scope adds {@link
 * #UNSCOPED_ADMIN}, which fleet-wide resources (API keys, notification keys and inbox, webhooks,
 * MMS, secrets) require. Scope is checked on top of the role, per id, by {@link CallerContext}.
 */
public final class ApiRoles {
  /** Any valid key: cashier operations on terminals and payments in the key's scope. */
  public static final String CASHIER = "cashier";

  /** An admin key, scoped or not: terminal administration within its scope. */
  public static final String ADMIN = "admin";

  /** An admin key without a scope: resources that act on the whole fleet. */
  public static final String UNSCOPED_ADMIN = "unscoped-admin";

  private ApiRoles() {}

  /** The roles of {@code caller}. */
  static java.util.Set<String> of(Caller caller) {
    if (!caller.isAdmin()) {
      return java.util.Set.of(CASHIER);
    }
    return caller.scope().unrestricted()
        ? java.util.Set.of(CASHIER, ADMIN, UNSCOPED_ADMIN)
        : java.util.Set.of(CASHIER, ADMIN);
  }
}

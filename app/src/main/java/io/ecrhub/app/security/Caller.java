package io.ecrhub.app.security;

import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;

/** Who is calling: the API key's id and name, its role and its scope. */
public record Caller(String keyId, String name, Role role, Scope scope) {
  public boolean isAdmin() {
    return role == Role.ADMIN;
  }
}

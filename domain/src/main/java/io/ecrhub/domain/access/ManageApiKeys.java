package io.ecrhub.domain.access;

import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.ValidationException;
import java.util.Objects;

/** Use case: admins create, list and revoke API keys. The key itself is shown only at creation. */
public interface ManageApiKeys {
  /** Creates a key; the plaintext is in the answer and nowhere else. */
  Created create(Create command);

  /**
   * @throws io.ecrhub.domain.shared.NotFoundException {@code API_KEY_NOT_FOUND}
   */
  ApiKey get(String id);

  /** Keys ordered by id, after {@code cursor}. */
  Page<ApiKey> list(String cursor, int limit);

  /**
   * Revokes the key at once; work that outlives its request (an open event stream) is told.
   *
   * @throws io.ecrhub.domain.shared.NotFoundException {@code API_KEY_NOT_FOUND}
   */
  ApiKey revoke(String id);

  /** A key to create: a name (1-100 characters), its role and scope ({@link Scope#ALL} if null). */
  record Create(String name, Role role, Scope scope) {
    public Create {
      ValidationException.require(
          name != null && !name.isBlank() && name.length() <= 100,
          "INVALID_NAME",
          "name",
          "name is required (1-100 characters)");
      name = name.trim();
      Objects.requireNonNull(role, "role");
    }
  }

  /** A freshly created key with its one-time plaintext. */
  record Created(ApiKey key, String plaintext) {
    @Override
    public String toString() {
      return "Created[" + key.id() + "]";
    }
  }
}

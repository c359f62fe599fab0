package io.ecrhub.domain.access;

import io.ecrhub.domain.shared.ValidationException;
import java.util.Locale;

/** What an API key may do: admins manage terminals and keys; cashiers take payments. */
public enum Role {
  ADMIN,
  CASHIER;

  public static Role parse(String text) {
    if (text != null) {
      for (Role r : values()) {
        if (r.name().equals(text.trim().toUpperCase(Locale.ROOT))) {
          return r;
        }
      }
    }
    throw new ValidationException("INVALID_ROLE", "role", "role must be admin or cashier");
  }

  public String wire() {
    return name().toLowerCase(Locale.ROOT);
  }
}

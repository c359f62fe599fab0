package io.ecrhub.domain.shared;

/** Masks a secret for display: first four and last four characters, never the middle. */
public final class Secret {
  private Secret() {}

  public static String mask(String value) {
    if (value == null) {
      return "null";
    }
    if (value.length() <= 8) {
      return "****";
    }
    return value.substring(0, 4) + "…" + value.substring(value.length() - 4);
  }

  /** Constant-time comparison of two byte arrays. */
  public static boolean constantTimeEquals(byte[] a, byte[] b) {
    if (a == null || b == null) {
      return false;
    }
    int diff = a.length ^ b.length;
    for (int i = 0; i < Math.max(a.length, b.length); i++) {
      byte x = i < a.length ? a[i] : 0;
      byte y = i < b.length ? b[i] : 0;
      diff |= x ^ y;
    }
    return diff == 0;
  }

  /**
   * Checks a key or secret typed by an operator: 8-256 characters, no white space (a pasted line
   * break would make every signature fail).
   *
   * @param code the stable error code, {@code field} the request field, {@code what} its name for
   *     people
   * @return {@code value}
   */
  public static String requireSigningText(String value, String code, String field, String what) {
    ValidationException.require(
        value != null && value.length() >= 8 && value.length() <= 256,
        code,
        field,
        what + " must be 8-256 characters");
    ValidationException.require(
        value.chars().noneMatch(Character::isWhitespace),
        code,
        field,
        what + " must not contain white space");
    return value;
  }
}

package io.ecrhub.domain.terminal;

/** The characters the terminal protocol carries unescaped in an identifier. */
final class Identifiers {
  private Identifiers() {}

  /**
   * Whether {@code value} is 1-64 of {@code A-Z a-z 0-9 _ -} (a loop, not a regular expression:
   * identifiers are checked several times per notification).
   */
  static boolean safe(String value) {
    if (value == null || value.isEmpty() || value.length() > 64) {
      return false;
    }
    for (int i = 0; i < value.length(); i++) {
      char c = value.charAt(i);
      boolean ok =
          (c >= 'A' && c <= 'Z')
              || (c >= 'a' && c <= 'z')
              || (c >= '0' && c <= '9')
              || c == '_'
              || c == '-';
      if (!ok) {
        return false;
      }
    }
    return true;
  }
}

package io.ecrhub.app.security;

/** The key is valid but its role or scope does not allow this: answered with 403. */
public final class AccessDeniedException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public AccessDeniedException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}

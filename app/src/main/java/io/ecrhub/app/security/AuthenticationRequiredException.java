package io.ecrhub.app.security;

/** No usable API key on the request: answered with 401 and a problem document. */
public final class AuthenticationRequiredException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;

  public AuthenticationRequiredException(String code, String message) {
    super(message, null, false, false);
    this.code = code;
  }

  public String code() {
    return code;
  }
}

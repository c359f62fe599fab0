package io.ecrhub.app.secrets;

/** A secret could not be sealed or opened (wrong or missing master key, corrupt value). */
public final class SealingException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SealingException(String message) {
    super(message);
  }
}

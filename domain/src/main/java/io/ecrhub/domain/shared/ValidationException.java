package io.ecrhub.domain.shared;

/** Input that can never be valid (bad format, out of range). Maps to 400/422 at the edge. */
public final class ValidationException extends DomainException {
  private static final long serialVersionUID = 1L;

  public ValidationException(String code, String field, String message) {
    super(code, field, message);
  }

  /** Throws when {@code condition} is false. */
  public static void require(boolean condition, String code, String field, String message) {
    if (!condition) {
      throw new ValidationException(code, field, message);
    }
  }
}

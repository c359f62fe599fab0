package io.ecrhub.domain.shared;

/** A referenced entity does not exist; maps to 404. Code e.g. {@code TERMINAL_NOT_FOUND}. */
public final class NotFoundException extends DomainException {
  private static final long serialVersionUID = 1L;

  public NotFoundException(String code, String message) {
    super(code, message);
  }
}

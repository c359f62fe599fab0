package io.ecrhub.domain.shared;

import java.util.Objects;

/**
 * A rule of the domain was broken. Carries a stable machine code (e.g. {@code INVALID_AMOUNT}) and
 * a human sentence; adapters turn it into a 4xx, never a 500.
 */
public class DomainException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final String code;
  private final String field;

  public DomainException(String code, String message) {
    this(code, null, message);
  }

  public DomainException(String code, String field, String message) {
    super(message, null, false, false);
    this.code = Objects.requireNonNull(code);
    this.field = field;
  }

  /** Stable code for clients, e.g. {@code INVALID_OUT_TRADE_NO}. */
  public String code() {
    return code;
  }

  /** Name of the offending input field, or {@code null}. */
  public String field() {
    return field;
  }
}

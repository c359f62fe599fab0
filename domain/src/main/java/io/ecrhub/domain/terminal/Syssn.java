package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ValidationException;

/** QFPay's transaction id ({@code syssn}), e.g. {@code 20250826155400087645770447}. */
public record Syssn(String value) {
  public Syssn {
    ValidationException.require(
        Identifiers.safe(value), "INVALID_SYSSN", "syssn", "syssn must be 1-64 letters or digits");
  }

  public static Syssn of(String value) {
    return new Syssn(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ValidationException;

/** Identifier of a registered terminal: {@code [a-z0-9_-]{1,40}}. */
public record TerminalId(String value) {
  public TerminalId {
    ValidationException.require(
        value != null && value.matches("[a-z0-9_-]{1,40}"),
        "INVALID_TERMINAL_ID",
        "terminalId",
        "terminal id must be 1-40 of a-z, 0-9, _ or -");
  }

  public static TerminalId of(String value) {
    return new TerminalId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

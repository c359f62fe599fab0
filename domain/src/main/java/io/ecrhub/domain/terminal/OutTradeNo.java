package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ValidationException;

/**
 * The merchant reference sent to the terminal as {@code out_trade_no}. The wire format does no
 * escaping, so only {@code [A-Za-z0-9_-]{1,64}} is accepted.
 */
public record OutTradeNo(String value) {
  public OutTradeNo {
    ValidationException.require(
        Identifiers.safe(value),
        "INVALID_OUT_TRADE_NO",
        "outTradeNo",
        "reference must be 1-64 characters of A-Z, a-z, 0-9, _ or - (the terminal protocol cannot"
            + " escape anything else)");
  }

  public static OutTradeNo of(String value) {
    return new OutTradeNo(value);
  }

  @Override
  public String toString() {
    return value;
  }
}

package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.ValidationException;

/** Hub identifier of a payment, e.g. {@code pay_3f9k2...}. */
public record PaymentId(String value) {
  public PaymentId {
    ValidationException.require(
        value != null && value.matches("[a-z0-9_-]{1,64}"),
        "INVALID_PAYMENT_ID",
        "paymentId",
        "payment id must be 1-64 of a-z, 0-9, _ or -");
  }

  @Override
  public String toString() {
    return value;
  }
}

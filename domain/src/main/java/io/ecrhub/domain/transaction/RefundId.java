package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.ValidationException;

/** Hub identifier of a refund, e.g. {@code ref_...}. */
public record RefundId(String value) {
  public RefundId {
    ValidationException.require(
        value != null && value.matches("[a-z0-9_-]{1,64}"),
        "INVALID_REFUND_ID",
        "refundId",
        "refund id must be 1-64 of a-z, 0-9, _ or -");
  }

  @Override
  public String toString() {
    return value;
  }
}

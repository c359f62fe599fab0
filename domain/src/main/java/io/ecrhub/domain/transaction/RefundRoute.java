package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.ValidationException;

/**
 * Which way a refund went (ADR 0021): through the payment's terminal (ECR 1002) or through QFPay's
 * cloud ({@code /trade/v1/refund}). A refund done outside the hub and learned from a notification
 * has no route.
 */
public enum RefundRoute {
  TERMINAL,
  CLOUD;

  /** The wire name, lower case: {@code terminal}, {@code cloud}. */
  public String wire() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** What a caller asks for: one route, or {@link #AUTO} to let the hub choose. */
  public enum Choice {
    /**
     * The terminal when it can do the refund, QFPay's cloud otherwise (see {@link RefundRouting}).
     */
    AUTO,
    /** Only the terminal; its rules and errors as they have always been. */
    TERMINAL,
    /** Only QFPay's cloud; needs a cloud account. */
    CLOUD;

    /** {@code auto}, {@code terminal} or {@code cloud}; null (not given) is {@link #AUTO}. */
    public static Choice parse(String wire) {
      if (wire == null) {
        return AUTO;
      }
      for (Choice c : values()) {
        if (c.name().toLowerCase(java.util.Locale.ROOT).equals(wire)) {
          return c;
        }
      }
      throw new ValidationException(
          "INVALID_REFUND_ROUTE", "route", "route must be auto, terminal or cloud");
    }
  }
}

package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Money;
import java.util.Objects;

/**
 * Use case: refund a payment through its terminal or QFPay's cloud (the route, ADR 0021), within
 * {@link RefundPolicy}.
 */
public interface RefundPayment {
  /**
   * Records the refund and sends it: through the terminal it is answered later (IN_PROGRESS);
   * through the cloud it is answered before this returns (SUCCEEDED, or UNKNOWN without an answer).
   *
   * @throws CloudRefundRefusedException when QFPay's cloud refused it (nothing moved)
   */
  Refund refund(Command command);

  /**
   * @param amount null for the full refundable amount
   * @param route the route asked for; {@link RefundRoute.Choice#AUTO} lets the hub choose
   */
  record Command(PaymentId paymentId, Money amount, RefundRoute.Choice route) {
    public Command {
      Objects.requireNonNull(paymentId, "paymentId");
      Objects.requireNonNull(route, "route");
    }

    /** The hub chooses the route. */
    public Command(PaymentId paymentId, Money amount) {
      this(paymentId, amount, RefundRoute.Choice.AUTO);
    }
  }
}

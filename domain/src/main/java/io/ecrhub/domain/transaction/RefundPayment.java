package io.ecrhub.domain.transaction;

import io.ecrhub.domain.shared.Money;
import java.util.Objects;

/** Use case: refund a payment through its terminal, within {@link RefundPolicy}. */
public interface RefundPayment {
  Refund refund(Command command);

  /**
   * @param amount null for the full refundable amount
   */
  record Command(PaymentId paymentId, Money amount) {
    public Command {
      Objects.requireNonNull(paymentId, "paymentId");
    }
  }
}

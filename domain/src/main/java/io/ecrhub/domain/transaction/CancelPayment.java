package io.ecrhub.domain.transaction;

/** Use case: ask the terminal to cancel an in-flight payment (5001). */
public interface CancelPayment {
  Payment cancel(PaymentId paymentId);
}

package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.ValidationException;
import org.junit.jupiter.api.Test;

class TransactionIdsTest {
  @Test
  void paymentAndRefundIds_areLowercaseTokens() {
    assertThat(new PaymentId("pay_abc123").value()).isEqualTo("pay_abc123");
    assertThat(new RefundId("ref_abc123").value()).isEqualTo("ref_abc123");
    assertThatThrownBy(() -> new PaymentId("PAY-1")).isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new RefundId("ref 1")).isInstanceOf(ValidationException.class);
  }
}

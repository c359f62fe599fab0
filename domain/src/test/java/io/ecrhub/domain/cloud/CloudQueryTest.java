package io.ecrhub.domain.cloud;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class CloudQueryTest {

  @Test
  void needsAReference() {
    assertThatThrownBy(() -> new CloudQuery(" ", null, Money.currency("HKD"), null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void expectedAmountInTheQueriedCurrency() {
    assertThatThrownBy(
            () -> new CloudQuery("x", null, Money.currency("HKD"), Money.of("1.00", "USD")))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void refundNeedsAPositiveAmountAndItsOwnReference() {
    Instant now = Instant.parse("2026-03-01T10:00:00Z");
    assertThatThrownBy(() -> new CloudRefund("1", "r", Money.of("0.00", "HKD"), now))
        .isInstanceOf(ValidationException.class);
    assertThatThrownBy(() -> new CloudRefund("1", "", Money.of("1.00", "HKD"), now))
        .isInstanceOf(ValidationException.class);
  }
}

package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.testing.InMemoryPayments;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.TerminalFixture;
import org.junit.jupiter.api.Test;

class PaymentsInFlightTest {
  private final InMemoryPayments payments = new InMemoryPayments();
  private final PaymentsInFlight inFlight = new PaymentsInFlight(payments);

  @Test
  void finalPayments_leaveNothingUnfinished() {
    payments.save(PaymentFixture.inStatus(TransactionStatus.SUCCEEDED));
    payments.save(PaymentFixture.inStatus(TransactionStatus.FAILED));

    assertThat(inFlight.on(TerminalFixture.DEFAULT_ID)).isEmpty();
  }

  @Test
  void aPaymentNotFinal_isReportedWithItsStatus_onItsTerminalOnly() {
    payments.save(PaymentFixture.inStatus(TransactionStatus.UNKNOWN));

    assertThat(inFlight.on(TerminalFixture.DEFAULT_ID)).contains("UNKNOWN");
    assertThat(inFlight.on(TerminalId.of("till-2"))).isEmpty();
  }
}

package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.shared.Money;
import org.junit.jupiter.api.Test;

class InMemoryCloudLedgerTest extends CloudLedgerContract {
  private final InMemoryCloudLedger ledger = new InMemoryCloudLedger();

  @Override
  protected CloudLedger ledger() {
    return ledger;
  }

  @Override
  protected String paid(Money amount, String outTradeNo) {
    return ledger.paid(amount, outTradeNo);
  }

  @Test
  void scriptedAnswersComeFirstAndAreCounted() {
    ledger.answerNext(new CloudOutcome.OutcomeUnknown("timed out"));

    assertThat(ledger.query(CloudQuery.byOutTradeNo("x", Money.of("1.00", "HKD"))))
        .isEqualTo(new CloudOutcome.OutcomeUnknown("timed out"));
    assertThat(ledger.queries()).isEqualTo(1);
  }
}

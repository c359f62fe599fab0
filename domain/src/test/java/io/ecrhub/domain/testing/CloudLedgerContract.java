package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.Money;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link CloudLedger}: a paid transaction settles with its record and exact amount; a
 * different expected amount is a mismatch; an unknown one is "no such transaction"; a refund is
 * recorded with its own reference and the payment's syssn, limited to what is left. Subclass it
 * once per implementation: {@link #ledger()} reads QFPay's records, {@link #paid} plants a wallet
 * payment in them.
 */
public abstract class CloudLedgerContract {
  private static final Money TEN = Money.of("10.00", "HKD");
  private static final Instant AT = MutableClock.DEFAULT_START;

  protected abstract CloudLedger ledger();

  /** A settled wallet payment of {@code amount} in QFPay's records; returns its syssn. */
  protected abstract String paid(Money amount, String outTradeNo) throws Exception;

  @Test
  void aPaidTransactionSettlesWithItsExactAmount() throws Exception {
    String syssn = paid(TEN, "contract-1");

    CloudOutcome o = ledger().query(CloudQuery.byOutTradeNo("contract-1", TEN));

    assertThat(o).isInstanceOf(CloudOutcome.Settled.class);
    CloudRecord r = ((CloudOutcome.Settled) o).record();
    assertThat(r.syssn()).isEqualTo(syssn);
    assertThat(r.amount()).isEqualTo(TEN);
    assertThat(r.kind()).isEqualTo(CloudRecord.Kind.PAYMENT);
    assertThat(ledger().query(CloudQuery.bySyssn(syssn, TEN))).isEqualTo(o);
  }

  @Test
  void anotherExpectedAmountIsAMismatch() throws Exception {
    paid(TEN, "contract-2");

    assertThat(ledger().query(CloudQuery.byOutTradeNo("contract-2", Money.of("10.01", "HKD"))))
        .isInstanceOf(CloudOutcome.Mismatch.class);
  }

  @Test
  void anUnknownReferenceIsNoSuchTransaction() {
    CloudOutcome o = ledger().query(CloudQuery.byOutTradeNo("contract-never", TEN));

    assertThat(o).isInstanceOf(CloudOutcome.Refused.class);
    assertThat(((CloudOutcome.Refused) o).reason()).isEqualTo(RefusalReason.NO_SUCH_TRANSACTION);
  }

  @Test
  void aRefundIsRecordedUnderItsOwnReferenceAndLimitedToWhatIsLeft() throws Exception {
    String syssn = paid(TEN, "contract-3");
    Money six = Money.of("6.00", "HKD");

    CloudOutcome o = ledger().refund(new CloudRefund(syssn, "contract-3-r1", six, AT));

    assertThat(o).isInstanceOf(CloudOutcome.Settled.class);
    CloudRecord refund = ((CloudOutcome.Settled) o).record();
    assertThat(refund.kind()).isEqualTo(CloudRecord.Kind.REFUND);
    assertThat(refund.originalSyssn()).isEqualTo(syssn);
    assertThat(refund.amount()).isEqualTo(six);
    assertThat(ledger().query(CloudQuery.byOutTradeNo("contract-3-r1", six)))
        .isInstanceOf(CloudOutcome.Settled.class);
    CloudOutcome tooMuch = ledger().refund(new CloudRefund(syssn, "contract-3-r2", six, AT));
    assertThat(((CloudOutcome.Refused) tooMuch).reason())
        .isEqualTo(RefusalReason.EXCEEDS_REFUNDABLE);
  }

  @Test
  void aRefundOfAnUnknownPaymentIsNoSuchTransaction() {
    CloudOutcome o =
        ledger().refund(new CloudRefund("20990101000000000000000000", "contract-4-r", TEN, AT));

    assertThat(((CloudOutcome.Refused) o).reason()).isEqualTo(RefusalReason.NO_SUCH_TRANSACTION);
  }
}

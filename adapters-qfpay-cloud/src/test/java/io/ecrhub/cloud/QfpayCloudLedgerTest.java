package io.ecrhub.cloud;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.domain.cloud.CloudOutcome;
import io.ecrhub.domain.cloud.CloudQuery;
import io.ecrhub.domain.cloud.CloudRecord;
import io.ecrhub.domain.cloud.CloudRefund;
import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimTransaction;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class QfpayCloudLedgerTest extends CloudFixture {
  private static final Money TEN_FIFTY = Money.of("10.50", "HKD");

  @BeforeEach
  void up() {
    start();
  }

  @Test
  void aPaymentMadeOnTheTerminalSettlesInTheCloud() throws Exception {
    SimTransaction paid = payOnTerminal("10.50", "card_payment", "hub-1");

    CloudOutcome o = cloud.ledger().query(CloudQuery.byOutTradeNo("hub-1", TEN_FIFTY));

    assertThat(o).isInstanceOf(CloudOutcome.Settled.class);
    CloudRecord r = ((CloudOutcome.Settled) o).record();
    assertThat(r.syssn()).isEqualTo(paid.syssn());
    assertThat(r.amount()).isEqualTo(TEN_FIFTY);
    assertThat(r.kind()).isEqualTo(CloudRecord.Kind.PAYMENT);
    assertThat(cloud.ledger().query(CloudQuery.bySyssn(paid.syssn(), TEN_FIFTY))).isEqualTo(o);
    QfpayCloudStandIn.Request sent = standIn.requests(QfpayCloudLedger.QUERY).getFirst();
    assertThat(sent.params()).containsEntry("out_trade_no", "hub-1").containsEntry("mchid", MCHID);
    assertAllSignedExactly();
  }

  @Test
  void aDifferentAmountIsAMismatchNotASettlement() throws Exception {
    payOnTerminal("10.50", "wx", "hub-2");

    CloudOutcome o =
        cloud.ledger().query(CloudQuery.byOutTradeNo("hub-2", Money.of("10.51", "HKD")));

    assertThat(o).isInstanceOf(CloudOutcome.Mismatch.class);
    assertThat(((CloudOutcome.Mismatch) o).record().amount()).isEqualTo(TEN_FIFTY);
  }

  @Test
  void aPaymentWaitingForTheCardIsPending() throws Exception {
    terminal.setCardWait(Duration.ofMinutes(5));
    CompletableFuture.runAsync(
        () -> {
          try {
            payOnTerminal("10.50", "card_payment", "hub-3");
          } catch (Exception e) {
            throw new IllegalStateException(e);
          }
        });
    await().atMost(10, TimeUnit.SECONDS).until(() -> terminal.inFlight().isPresent());

    CloudOutcome waiting = cloud.ledger().query(CloudQuery.byOutTradeNo("hub-3", TEN_FIFTY));
    assertThat(waiting).isInstanceOf(CloudOutcome.Pending.class);
    assertThat(((CloudOutcome.Pending) waiting).respcd()).isEqualTo("1143");

    terminal.presentCard();
    await()
        .atMost(10, TimeUnit.SECONDS)
        .until(
            () ->
                cloud.ledger().query(CloudQuery.byOutTradeNo("hub-3", TEN_FIFTY))
                    instanceof CloudOutcome.Settled);
    assertAllSignedExactly();
  }

  @Test
  void aDeclinedPaymentIsFailedWithItsCode() throws Exception {
    terminal.declineNext("insufficient funds");
    payOnTerminal("10.50", "card_payment", "hub-4");

    assertThat(cloud.ledger().query(CloudQuery.byOutTradeNo("hub-4", TEN_FIFTY)))
        .isEqualTo(new CloudOutcome.Failed("1205", "insufficient funds"));
  }

  @Test
  void anUnknownReferenceIsNoSuchTransaction() {
    CloudOutcome o = cloud.ledger().query(CloudQuery.byOutTradeNo("never-paid", TEN_FIFTY));

    assertThat(o).isInstanceOf(CloudOutcome.Refused.class);
    assertThat(((CloudOutcome.Refused) o).reason()).isEqualTo(RefusalReason.NO_SUCH_TRANSACTION);
  }

  @Test
  void aRefundThroughTheCloudIsRecordedOnTheTerminalsLedger() throws Exception {
    SimTransaction paid = payOnTerminal("10.50", "wx", "hub-5");

    CloudOutcome o =
        cloud
            .ledger()
            .refund(new CloudRefund(paid.syssn(), "hub-5-r1", Money.of("4.00", "HKD"), NOON_HK));

    assertThat(o).isInstanceOf(CloudOutcome.Settled.class);
    CloudRecord refund = ((CloudOutcome.Settled) o).record();
    assertThat(refund.kind()).isEqualTo(CloudRecord.Kind.REFUND);
    assertThat(refund.originalSyssn()).isEqualTo(paid.syssn());
    assertThat(refund.amount()).isEqualTo(Money.of("4.00", "HKD"));
    assertThat(terminal.transaction(paid.syssn()).orElseThrow().refunded())
        .isEqualTo(Money.of("4.00", "HKD"));
    assertThat(terminal.transaction(refund.syssn())).isPresent();
    QfpayCloudStandIn.Request sent = standIn.requests(QfpayCloudLedger.REFUND).getFirst();
    assertThat(sent.params())
        .containsEntry("txamt", "400")
        .containsEntry("syssn", paid.syssn())
        .containsEntry("out_trade_no", "hub-5-r1")
        .containsEntry("txdtm", "2026-03-02 12:00:00");
    // the refund is itself visible to queries by its own reference
    CloudOutcome q =
        cloud.ledger().query(CloudQuery.byOutTradeNo("hub-5-r1", Money.of("4.00", "HKD")));
    assertThat(q).isInstanceOf(CloudOutcome.Settled.class);
    assertThat(((CloudOutcome.Settled) q).record().kind()).isEqualTo(CloudRecord.Kind.REFUND);
    assertAllSignedExactly();
  }

  @Test
  void theStandInsOwnRulesRefuseWithTypedReasons() throws Exception {
    SimTransaction card = payOnTerminal("10.50", "card_payment", "hub-6");

    assertThat(refund(card.syssn(), "hub-6-r1", "20.00"))
        .isEqualTo(RefusalReason.EXCEEDS_REFUNDABLE);
    assertThat(refund(card.syssn(), "hub-6-r2", "1.00"))
        .isEqualTo(RefusalReason.PARTIAL_REFUND_NOT_ALLOWED);
    assertThat(refund("20990101000000000000000000", "hub-6-r3", "1.00"))
        .isEqualTo(RefusalReason.NO_SUCH_TRANSACTION);
    assertAllSignedExactly();
  }

  @Test
  void everyRefusalCodeOnDemandMapsToItsReason() throws Exception {
    SimTransaction paid = payOnTerminal("10.50", "wx", "hub-7");
    int n = 0;
    for (RefusalReason reason :
        new RefusalReason[] {
          RefusalReason.REFUND_WINDOW_CLOSED,
          RefusalReason.INSUFFICIENT_BALANCE,
          RefusalReason.PARTIAL_REFUND_NOT_ALLOWED,
          RefusalReason.PARTIAL_REFUND_NOT_SUPPORTED,
          RefusalReason.EXCEEDS_REFUNDABLE,
          RefusalReason.NO_SUCH_TRANSACTION
        }) {
      standIn.refuseNext(reason.respcd());
      CloudOutcome o =
          cloud.ledger().refund(new CloudRefund(paid.syssn(), "hub-7-r" + n++, TEN_FIFTY, NOON_HK));
      assertThat(o).isInstanceOf(CloudOutcome.Refused.class);
      CloudOutcome.Refused r = (CloudOutcome.Refused) o;
      assertThat(r.reason()).isEqualTo(reason);
      assertThat(r.retryAt() != null).isEqualTo(reason == RefusalReason.REFUND_WINDOW_CLOSED);
    }
    // nothing was refunded by any of them
    assertThat(terminal.transaction(paid.syssn()).orElseThrow().refunded().isZero()).isTrue();
  }

  @Test
  void aRefundInsideTheNightlyWindowIsRefusedWithWhenItReopens() throws Exception {
    stop();
    clock =
        java.time.Clock.fixed(
            java.time.Instant.parse("2026-03-02T15:45:00Z"), java.time.ZoneOffset.UTC);
    start();
    SimTransaction paid = payOnTerminal("10.50", "wx", "hub-8");

    CloudOutcome o =
        cloud.ledger().refund(new CloudRefund(paid.syssn(), "hub-8-r", TEN_FIFTY, clock.instant()));

    assertThat(o)
        .isEqualTo(
            new CloudOutcome.Refused(
                RefusalReason.REFUND_WINDOW_CLOSED,
                "refunds are closed between 23:30 and 00:30",
                java.time.Instant.parse("2026-03-02T16:30:00Z")));
  }

  private RefusalReason refund(String syssn, String outTradeNo, String amount) {
    CloudOutcome o =
        cloud.ledger().refund(new CloudRefund(syssn, outTradeNo, Money.of(amount, "HKD"), NOON_HK));
    assertThat(o).isInstanceOf(CloudOutcome.Refused.class);
    return ((CloudOutcome.Refused) o).reason();
  }
}

package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalCommand.Query;
import io.ecrhub.domain.terminal.TerminalOutcome;
import org.junit.jupiter.api.Test;

/**
 * Graceful drain (ADR 0024): a draining instance refuses new payments and refunds with
 * HUB_DRAINING, lets the exchanges in flight finish under their leases, and hands over the rest:
 * leases released at once, another instance reconciles (query, never a second send), and a late
 * answer is recorded only if it settles the transaction by itself.
 */
class DrainExchangesTest {
  private final Harness h = new Harness();

  private static TerminalOutcome approved(Payment p) {
    return new TerminalOutcome.Approved(
        Harness.approvedReport("20260302000000000088", p.outTradeNo().value(), "0000"));
  }

  private static String code(Throwable e) {
    return ((DomainException) e).code();
  }

  @Test
  void draining_refusesNewPaymentsAndRefunds_withHubDraining_sendingNothing() {
    Payment paid = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, approved(paid));
    assertThat(h.service.draining()).isFalse();

    h.service.stopTaking();

    assertThat(h.service.draining()).isTrue();
    assertThatThrownBy(() -> h.service.start(pay("3.00", Channel.CARD_PAYMENT)))
        .isInstanceOf(DomainException.class)
        .satisfies(e -> assertThat(code(e)).isEqualTo("HUB_DRAINING"));
    assertThatThrownBy(
            () -> h.service.refund(new RefundPayment.Command(paid.id(), Harness.hkd("1.00"))))
        .satisfies(e -> assertThat(code(e)).isEqualTo("HUB_DRAINING"));
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
    assertThat(h.paymentCount()).isEqualTo(1);
    assertThat(h.lease()).isEmpty();
    assertThat(h.service.inFlight()).isZero();
  }

  @Test
  void anExchangeInFlight_finishesNormallyWhileDraining() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.service.stopTaking();
    assertThat(h.service.inFlight()).isOne();

    h.channel.release(Pay.class, approved(p));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.service.inFlight()).isZero();
    assertThat(h.lease()).isEmpty();
    assertThat(h.service.handOver()).as("nothing left to hand over").isZero();
  }

  @Test
  void handOver_releasesTheLeaseAtOnce_andAnotherInstanceQueriesNeverResends() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.service.stopTaking();

    assertThat(h.service.handOver()).isOne();

    assertThat(h.lease()).as("released, not left to expire").isEmpty();
    assertThat(h.service.inFlight()).isZero();
    assertThat(h.payment(p.id()).status())
        .as("never FAILED for a handover")
        .isEqualTo(TransactionStatus.IN_PROGRESS);
    h.channel.reply(Query.class, approved(p));
    assertThat(h.reconcilerOf("hub-b").reconcileDue()).isOne();
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.channel.count(Pay.class)).as("sent once").isEqualTo(1);
  }

  @Test
  void handedOver_aLateAnswerThatSettlesNothing_leavesItForReconciliation_neverFailed() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.service.stopTaking();
    h.service.handOver();

    // while it held the lease this would have been FAILED (provably not sent)
    h.channel.release(
        Pay.class,
        new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.CONNECT_FAILED, "refused"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(h.service.renewHeld()).as("a handed-over lease is not renewed").isZero();
  }

  @Test
  void handedOver_aBoundAnswerStillSettlesIt() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.service.stopTaking();
    h.service.handOver();

    h.channel.release(Pay.class, approved(p));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void aRefundInFlight_isCountedAndHandedOverToo() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, approved(p));
    Refund r = h.service.refund(new RefundPayment.Command(p.id(), Harness.hkd("4.00")));
    h.service.stopTaking();
    assertThat(h.service.inFlight()).isOne();

    assertThat(h.service.handOver()).isOne();

    assertThat(h.lease()).isEmpty();
    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.IN_PROGRESS);
  }
}

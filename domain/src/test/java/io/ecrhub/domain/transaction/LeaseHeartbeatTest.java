package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalCommand.Query;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Leases renewed by heartbeat (ADR 0019): a short lease kept alive while the exchange runs; a dead
 * holder's terminal is free within the lease time and its payment reconciled by another instance
 * (query, never a second send); a holder that lost its lease records only an answer that settles
 * the payment by itself.
 */
class LeaseHeartbeatTest {
  private final Harness h = new Harness();
  private final Duration ttl = h.settings.leaseTtl();

  private static TerminalOutcome approved(Payment p) {
    return new TerminalOutcome.Approved(
        Harness.approvedReport("20260302000000000077", p.outTradeNo().value(), "0000"));
  }

  @Test
  void defaults_aShortLeaseRenewedThreeTimesPerLife() {
    assertThat(ttl).isEqualTo(Duration.ofSeconds(15));
    assertThat(h.service.renewEvery()).isEqualTo(Duration.ofSeconds(5));
    assertThat(h.settings.exchangeBound()).isEqualTo(Duration.ofSeconds(185));
  }

  @Test
  void leaseLivesOnlyItsTtl_butTheHeartbeatKeepsItThroughALongCardWait() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    assertThat(h.lease().orElseThrow().expiresAt()).isEqualTo(h.clock.instant().plus(ttl));

    h.advanceRenewing(Duration.ofSeconds(90));

    assertThat(h.lease().orElseThrow().holder()).isEqualTo("hub-a:" + p.id().value());
    assertThat(h.reconcilerOf("hub-b").reconcileDue()).isZero();
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(h.channel.count(Query.class)).isZero();

    h.channel.release(Pay.class, approved(p));
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.lease()).isEmpty();
    assertThat(h.service.renewHeld()).as("nothing held any more").isZero();
  }

  @Test
  void deadHolder_freesTheTerminalWithinTheTtl_andAnotherInstanceQueriesNeverResends() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    // hub-a dies: no more heartbeats
    h.clock.advance(ttl.minusSeconds(1));
    assertThat(h.lease()).isPresent();
    h.clock.advance(Duration.ofSeconds(1));
    assertThat(h.lease()).as("free once the TTL has run out").isEmpty();

    h.channel.reply(Query.class, approved(p));
    assertThat(h.reconcilerOf("hub-b").reconcileDue()).isEqualTo(1);

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.eventTypes(p.id().value())).endsWith("payment.unknown", "payment.succeeded");
    assertThat(h.channel.count(Pay.class)).as("sent once").isEqualTo(1);
    assertThat(h.channel.count(Query.class)).isEqualTo(1);
  }

  @Test
  void leaseLost_anAnswerThatSettlesNothingLeavesItUnknown_neverFailed() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.clock.advance(ttl);
    assertThat(h.service.renewHeld()).as("an expired lease is not taken back").isZero();

    // without the lease this would have been FAILED (provably not sent)
    h.channel.release(
        Pay.class,
        new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.CONNECT_FAILED, "refused"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
  }

  @Test
  void leaseLost_andReconciledElsewhere_aBoundAnswerStillSettlesIt() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.clock.advance(ttl.plusSeconds(1));
    h.channel.reply(Query.class, new TerminalOutcome.OutcomeUnknown("busy with the card"));
    h.reconcilerOf("hub-b").reconcileDue();
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);

    h.channel.release(Pay.class, approved(p));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
  }

  @Test
  void slowDatabase_aFailedRenewalIsNotALoss_untilTheConfirmedExpiryPasses() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.advanceRenewing(Duration.ofSeconds(20));
    h.leaseStoreDown = true;
    h.advanceRenewing(Duration.ofSeconds(10));
    h.leaseStoreDown = false;
    assertThat(h.service.renewHeld()).as("two beats failed; the third renews in time").isOne();
    h.advanceRenewing(Duration.ofSeconds(30));
    h.channel.release(
        Pay.class,
        new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.CONNECT_FAILED, "refused"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.FAILED);
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void slowDatabase_pastTheConfirmedExpiry_theHolderNoLongerActsAsIfItHeldTheTerminal() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.leaseStoreDown = true;
    h.advanceRenewing(ttl);

    h.channel.release(
        Pay.class,
        new TerminalOutcome.NotSent(TerminalOutcome.NotSentCause.CONNECT_FAILED, "refused"));

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void renewalStopsAtTheExchangeBound() {
    h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    h.advanceRenewing(h.settings.exchangeBound().plus(ttl));

    assertThat(h.lease()).isEmpty();
    assertThat(h.service.renewHeld()).isZero();
  }

  @Test
  void refund_isKeptAliveToo_andItsLostLeaseIsReconciledElsewhere() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, approved(p));
    Refund r = h.service.refund(new RefundPayment.Command(p.id(), Harness.hkd("4.00")));

    h.advanceRenewing(Duration.ofSeconds(60));
    assertThat(h.lease().orElseThrow().holder()).isEqualTo("hub-a:" + r.id().value());

    h.clock.advance(ttl);
    assertThat(h.lease()).isEmpty();
    h.channel.reply(Query.class, new TerminalOutcome.OutcomeUnknown("no answer"));
    h.reconcilerOf("hub-b").reconcileDue();
    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }
}

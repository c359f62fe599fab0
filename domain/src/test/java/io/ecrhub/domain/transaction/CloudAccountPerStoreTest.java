package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.testing.TestMoney.hkd;
import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.cloud.CloudLedger;
import io.ecrhub.domain.cloud.CloudLedgers;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalCommand.Query;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.testing.InMemoryCloudLedger;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.TerminalFixture;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The cloud account of a transaction is the one of its terminal's store (ADR 0028): the store's own
 * ledger when it has one, else the default; a store served by none is not asked at all.
 */
class CloudAccountPerStoreTest {
  private final Harness h = new Harness();
  private final InMemoryCloudLedger storeB = new InMemoryCloudLedger();

  private void terminalInStore(String store) {
    Terminal t = h.terminals.findById(TerminalFixture.DEFAULT_ID).orElseThrow();
    t.assignStore(store);
    h.terminals.save(t);
  }

  private Reconciler reconciler(CloudLedgers ledgers) {
    return new Reconciler(h.ports, h.clock, Harness.INSTANCE, h.settings, ledgers);
  }

  /** B's own ledger for store-b, the harness' ledger as the default for every other store. */
  private CloudLedgers bOwnsStoreB() {
    return store -> Optional.<CloudLedger>of("store-b".equals(store) ? storeB : h.cloud);
  }

  private Payment lostAndTerminalGone() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("read timed out"));
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.replyAlways(
        Query.class, new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "refused"));
    return h.payment(p.id());
  }

  @Test
  void aStoreWithItsOwnAccount_isAskedThroughIt_neverThroughTheDefault() {
    terminalInStore("store-b");
    Payment p = lostAndTerminalGone();
    storeB.paid(hkd("10.50"), p.outTradeNo().value());

    assertThat(reconciler(bOwnsStoreB()).reconcileDue()).isEqualTo(1);

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.payment(p.id()).confirmedBy()).contains(ConfirmedBy.CLOUD);
    assertThat(storeB.queries()).isEqualTo(1);
    assertThat(h.cloud.queries()).isZero();
  }

  @Test
  void anotherStore_isAskedThroughTheDefaultAccount() {
    terminalInStore("store-a");
    Payment p = lostAndTerminalGone();
    h.cloud.paid(hkd("10.50"), p.outTradeNo().value());

    assertThat(reconciler(bOwnsStoreB()).reconcileDue()).isEqualTo(1);

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.cloud.queries()).isEqualTo(1);
    assertThat(storeB.queries()).isZero();
  }

  @Test
  void aStoreServedByNoAccount_isNotAsked_andStaysUnknown() {
    terminalInStore("store-c");
    Payment p = lostAndTerminalGone();
    h.cloud.paid(hkd("10.50"), p.outTradeNo().value());
    storeB.paid(hkd("10.50"), p.outTradeNo().value());
    CloudLedgers onlyStoreB =
        store -> "store-b".equals(store) ? Optional.of(storeB) : Optional.empty();

    assertThat(reconciler(onlyStoreB).reconcileDue()).isZero();

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(h.cloud.queries()).isZero();
    assertThat(storeB.queries()).isZero();
  }

  @Test
  void aPlainSettlementOfAStoreServedByNoAccount_isNotAsked_andLookedAtAgainOnlyTenMinutesLater() {
    terminalInStore("store-c");
    Payment p =
        h.store(
            PaymentFixture.builder()
                .channel(Channel.WX)
                .amount(hkd("10.50"))
                .syssn("20260302000000000055")
                .createdAt(h.clock.instant())
                .updatedAt(h.clock.instant())
                .status(TransactionStatus.SUCCEEDED)
                .confirmed(ConfirmedBy.TERMINAL_PLAIN, true)
                .build());
    storeB.paid(hkd("10.50"), p.outTradeNo().value());
    Reconciler r =
        reconciler(store -> "store-b".equals(store) ? Optional.of(storeB) : Optional.empty());

    r.reconcileDue();

    Payment looked = h.payment(p.id());
    assertThat(looked.confirmationPending()).isTrue();
    assertThat(looked.lifecycle().reconcileSources().orElseThrow())
        .contains("not asked: no QFPay cloud account serves this store");
    assertThat(looked.nextReconcileAt())
        .contains(h.clock.instant().plus(CloudConfirmation.NOT_SERVED_RETRY));
    assertThat(storeB.queries()).isZero();
    assertThat(h.cloud.queries()).isZero();
  }
}

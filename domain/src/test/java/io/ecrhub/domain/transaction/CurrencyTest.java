package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.TerminalFixture;
import org.junit.jupiter.api.Test;

/**
 * The terminal charges in its merchant's currency (the trade request names none): a payment or
 * refund in any other currency is refused before anything is sent, never charged in HKD while the
 * hub records USD.
 */
class CurrencyTest {
  private final Harness h = new Harness();

  private static StartPayment.Command usd(String amount) {
    return new StartPayment.Command(
        TerminalFixture.DEFAULT_ID, Money.of(amount, "USD"), Channel.WX, null, null);
  }

  private void terminalTakes(String list) {
    Terminal t = h.terminal();
    t.acceptCurrencies(list == null ? null : Currencies.of(list));
    h.terminals.save(t);
  }

  @Test
  void paymentInACurrencyTheTerminalDoesNotTake_isRefusedAndNothingIsSentOrStored() {
    assertThatThrownBy(() -> h.service.start(usd("10.00")))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CURRENCY_NOT_SUPPORTED");
    assertThat(h.channel.count(TerminalCommand.Pay.class)).isZero();
    assertThat(h.paymentCount()).isZero();
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void theHubDefault_isHkd_andATerminalsOwnListReplacesIt() {
    assertThat(h.service.start(Harness.pay("10.00", Channel.WX)).status())
        .isEqualTo(TransactionStatus.IN_PROGRESS);
    h.channel.release(
        TerminalCommand.Pay.class,
        new io.ecrhub.domain.terminal.TerminalOutcome.Cancelled("cancelled on the terminal"));

    terminalTakes("USD");
    assertThat(h.service.start(usd("10.00")).amount()).isEqualTo(Money.of("10.00", "USD"));
    h.channel.release(
        TerminalCommand.Pay.class,
        new io.ecrhub.domain.terminal.TerminalOutcome.Cancelled("cancelled on the terminal"));
    assertThatThrownBy(() -> h.service.start(Harness.pay("10.00", Channel.WX)))
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CURRENCY_NOT_SUPPORTED");
  }

  @Test
  void refundOfAPaymentInACurrencyTheTerminalNoLongerTakes_isRefused() {
    Payment paid =
        h.store(
            PaymentFixture.builder()
                .channel(Channel.ALIPAY)
                .amount(Money.of("10.50", "USD"))
                .syssn("20260302000000000077")
                .createdAt(h.clock.instant())
                .status(TransactionStatus.SUCCEEDED)
                .build());
    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(paid.id(), null)))
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CURRENCY_NOT_SUPPORTED");
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isZero();
  }

  @Test
  void refundInAnotherCurrencyThanItsPayment_isRefused() {
    Payment paid =
        h.store(
            PaymentFixture.builder()
                .channel(Channel.ALIPAY)
                .amount(Harness.hkd("10.50"))
                .syssn("20260302000000000078")
                .createdAt(h.clock.instant())
                .status(TransactionStatus.SUCCEEDED)
                .build());
    assertThatThrownBy(
            () -> h.service.refund(new RefundPayment.Command(paid.id(), Money.of("1.00", "USD"))))
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CURRENCY_MISMATCH");
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isZero();
  }

  @Test
  void currencyLists_areIsoCodes() {
    assertThat(Currencies.of(" usd, HKD ").toString()).isEqualTo("HKD,USD");
    assertThat(Currencies.of(java.util.List.of("HKD")).list()).containsExactly("HKD");
    for (String bad : new String[] {"", "HK", "XYZ1", "HKD;USD", "ZZZ"}) {
      assertThatThrownBy(() -> Currencies.of(bad))
          .as(bad)
          .isInstanceOf(ValidationException.class)
          .extracting(e -> ((ValidationException) e).code())
          .isEqualTo("INVALID_CURRENCIES");
    }
  }
}

package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.hkd;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.testing.PaymentFixture;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RefundPaymentTest {
  private final Harness h = new Harness();

  private Payment paid(Channel channel, String amount) {
    return h.store(
        PaymentFixture.builder()
            .channel(channel)
            .amount(hkd(amount))
            .syssn("20260302000000000077")
            .createdAt(h.clock.instant())
            .status(TransactionStatus.SUCCEEDED)
            .build());
  }

  private static TransactionReport refundReport(String syssn) {
    return refundReport(syssn, "4.00");
  }

  private static TransactionReport refundReport(String syssn, String amount) {
    return new TransactionReport(
        syssn,
        null,
        "20260302000000000077",
        "refund",
        null,
        amount,
        "HKD",
        null,
        null,
        null,
        Map.of());
  }

  @Test
  void walletPartialRefund_isSentOnceAndOnSuccessAddsToTheRefundedTotal() {
    Payment p = paid(Channel.ALIPAY, "10.50");

    Refund r = h.service.refund(new RefundPayment.Command(p.id(), hkd("4.00")));

    assertThat(r.status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(r.amount()).isEqualTo(hkd("4.00"));
    assertThat(h.lease())
        .hasValueSatisfying(l -> assertThat(l.holder()).isEqualTo("hub-a:" + r.id()));
    TerminalCommand.Refund sent = h.channel.commands(TerminalCommand.Refund.class).get(0);
    assertThat(sent.originalSyssn()).isEqualTo(Syssn.of("20260302000000000077"));
    assertThat(sent.amount()).isEqualTo(hkd("4.00"));
    assertThat(h.channel.last(TerminalCommand.Refund.class).insideTransaction()).isFalse();

    h.channel.release(
        TerminalCommand.Refund.class, new TerminalOutcome.Approved(refundReport("r-1")));

    Refund done = h.refund(r.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.syssn()).contains(Syssn.of("r-1"));
    Payment after = h.payment(p.id());
    assertThat(after.refundedAmount()).isEqualTo(hkd("4.00"));
    assertThat(after.refundableAmount()).isEqualTo(hkd("6.50"));
    assertThat(h.lease()).isEmpty();
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isEqualTo(1);
    assertThat(h.eventTypes(r.id().value()))
        .containsExactly("refund.pending", "refund.in_progress", "refund.succeeded");
  }

  @Test
  void withoutAnAmount_refundsWhatIsLeft() {
    Payment p = paid(Channel.WX, "10.50");

    Refund r = h.service.refund(new RefundPayment.Command(p.id(), null));

    assertThat(r.amount()).isEqualTo(hkd("10.50"));
  }

  @Test
  void declinedRefund_leavesThePaymentUntouched() {
    Payment p = paid(Channel.WX, "10.50");
    Refund r = h.service.refund(new RefundPayment.Command(p.id(), hkd("4.00")));

    h.channel.release(
        TerminalCommand.Refund.class,
        new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "refund failed", "6002"));

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(h.payment(p.id()).refundedAmount().isZero()).isTrue();
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void unknownRefund_countsAsUsedForTheNextRefund() {
    Payment p = paid(Channel.WX, "10.50");
    Refund first = h.service.refund(new RefundPayment.Command(p.id(), hkd("4.00")));
    h.channel.release(TerminalCommand.Refund.class, new TerminalOutcome.OutcomeUnknown("timeout"));

    assertThat(h.refund(first.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(p.id(), hkd("6.51"))))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("REFUND_EXCEEDS_REFUNDABLE");
    Refund rest = h.service.refund(new RefundPayment.Command(p.id(), null));
    assertThat(rest.amount()).isEqualTo(hkd("6.50"));
  }

  @Test
  void cardPartialRefund_isRefusedBeforeTheTerminal() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");

    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(p.id(), hkd("40.00"))))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CARD_REFUND_MUST_BE_FULL");
    assertThat(h.channel.sent()).isEmpty();
    assertThat(h.refunds.size()).isZero();
    assertThat(h.lease()).isEmpty();
  }

  @Test
  void cardRefundOnALaterDay_isRefused() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");
    h.clock.advance(Duration.ofDays(1));

    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(p.id(), null)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CARD_REFUND_NOT_SAME_DAY");
    assertThat(h.channel.sent()).isEmpty();
  }

  @Test
  void cardFullRefundTheSameMorning_isSent() {
    Payment p = paid(Channel.CARD_PAYMENT, "100.00");

    Refund r = h.service.refund(new RefundPayment.Command(p.id(), null));

    assertThat(r.amount()).isEqualTo(hkd("100.00"));
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isEqualTo(1);
  }

  @Test
  void octopus_isRefused() {
    Payment p = paid(Channel.OCTOPUS, "10.00");

    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(p.id(), null)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("REFUND_NOT_SUPPORTED");
    assertThat(h.channel.sent()).isEmpty();
  }

  @Test
  void exceedingThePayment_isRefused() {
    Payment p = paid(Channel.WX, "10.50");

    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(p.id(), hkd("10.51"))))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("REFUND_EXCEEDS_REFUNDABLE");
  }

  @Test
  void terminalBusy_isRefusedAndNothingIsStored() {
    Payment p = paid(Channel.WX, "10.50");
    h.service.start(Harness.pay("1.00", Channel.WX));

    assertThatThrownBy(() -> h.service.refund(new RefundPayment.Command(p.id(), null)))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_BUSY");
    assertThat(h.refunds.size()).isZero();
    assertThat(h.channel.count(TerminalCommand.Refund.class)).isZero();
  }

  @Test
  void unknownPayment_isNotFound() {
    assertThatThrownBy(
            () -> h.service.refund(new RefundPayment.Command(new PaymentId("pay_x"), null)))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("PAYMENT_NOT_FOUND");
  }

  @Test
  void successThatNoLongerFits_flagsThePaymentInsteadOfLosingTheRefund() {
    Payment p = paid(Channel.WX, "10.50");
    Refund r = h.service.refund(new RefundPayment.Command(p.id(), hkd("10.50")));
    Payment elsewhere = h.payment(p.id());
    elsewhere.recordRefund(hkd("10.50"), h.clock.instant());
    h.store(elsewhere);

    h.channel.release(
        TerminalCommand.Refund.class, new TerminalOutcome.Approved(refundReport("r-2", "10.50")));

    assertThat(h.refund(r.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.payment(p.id()).reviewNote())
        .hasValueSatisfying(n -> assertThat(n).contains(r.id().value()));
  }
}

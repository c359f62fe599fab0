package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.TerminalCommand.CancelRequest;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.testing.PaymentFixture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class CancelPaymentTest {
  private final Harness h = new Harness();

  @Test
  void cancelDuringAHeldPayment_sendsCancelRequestAndTheTradesOwn6001EndsIt() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.reply(CancelRequest.class, new TerminalOutcome.Approved(null));

    Payment afterCancel = h.service.cancel(p.id());

    assertThat(afterCancel.status())
        .as("the trade's own answer ends it, not the cancel request's")
        .isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(h.channel.last(Pay.class).isPending()).isTrue();
    assertThat(h.channel.last(CancelRequest.class).insideTransaction()).isFalse();
    assertThat(h.lease()).as("the cancel does not take the lease").isPresent();

    h.channel.release(Pay.class, new TerminalOutcome.Cancelled("cancelled by user"));

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.CANCELLED);
    assertThat(done.failureReason()).contains(DeclineReason.CANCELLED);
    assertThat(h.lease()).isEmpty();
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
    assertThat(h.eventTypes(p.id().value())).endsWith("payment.cancelled");
  }

  @Test
  void cancelRequestGoesToTheSameTerminalWithAShortTimeout() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.reply(CancelRequest.class, new TerminalOutcome.Approved(null));

    h.service.cancel(p.id());

    var endpoint = h.channel.last(CancelRequest.class).endpoint();
    assertThat(endpoint.terminalId()).isEqualTo(p.terminalId());
    assertThat(endpoint.readTimeout()).isEqualTo(h.settings.queryTimeout());
  }

  @Test
  void cancelAnUnknownPayment_sendsTheCancelRequest() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("timeout"));
    h.channel.reply(CancelRequest.class, new TerminalOutcome.Approved(null));

    Payment returned = h.service.cancel(p.id());

    assertThat(returned.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(h.channel.count(CancelRequest.class)).isEqualTo(1);
  }

  @Test
  void cancelAPendingPayment_cancelsLocallyWithoutTheTerminal() {
    Payment pending = h.store(PaymentFixture.builder().build());

    Payment done = h.service.cancel(pending.id());

    assertThat(done.status()).isEqualTo(TransactionStatus.CANCELLED);
    assertThat(h.payment(pending.id()).status()).isEqualTo(TransactionStatus.CANCELLED);
    assertThat(h.channel.sent()).isEmpty();
    assertThat(h.eventTypes(pending.id().value())).containsExactly("payment.cancelled");
  }

  @ParameterizedTest
  @EnumSource(
      value = TransactionStatus.class,
      names = {"SUCCEEDED", "DECLINED", "CANCELLED", "FAILED"})
  void finalPayments_areNotCancellable(TransactionStatus status) {
    Payment done = h.store(PaymentFixture.inStatus(status));

    assertThatThrownBy(() -> h.service.cancel(done.id()))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("PAYMENT_NOT_CANCELLABLE");
    assertThat(h.channel.sent()).isEmpty();
  }

  @Test
  void cancelWhileTheTerminalWorksOnAnotherPayment_isRefusedSoItDoesNotCancelThatOne() {
    Payment lost = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("timeout"));
    h.service.start(pay("20.00", Channel.WX));

    assertThatThrownBy(() -> h.service.cancel(lost.id()))
        .isInstanceOf(DomainException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("TERMINAL_BUSY");
    assertThat(h.channel.count(CancelRequest.class)).isZero();
  }

  @Test
  void cancelRequestThatNeverReachedTheTerminal_isReported() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.reply(
        CancelRequest.class, new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "refused"));

    assertThatThrownBy(() -> h.service.cancel(p.id()))
        .isInstanceOf(DomainException.class)
        .hasMessageContaining("CONNECT_FAILED")
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("CANCEL_NOT_DELIVERED");
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.IN_PROGRESS);
  }

  @Test
  void unknownPayment_isNotFound() {
    assertThatThrownBy(() -> h.service.cancel(new PaymentId("pay_none")))
        .isInstanceOf(NotFoundException.class)
        .extracting(e -> ((DomainException) e).code())
        .isEqualTo("PAYMENT_NOT_FOUND");
  }
}

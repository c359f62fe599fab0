package io.ecrhub.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/**
 * Which committed changes make the hub look for parked notifications: the ones that can reveal an
 * out_trade_no or syssn a notification may have arrived with first.
 */
class NotifyEventSinkTest {
  @Test
  void aPaymentOrRefundTheHubStarts_isNotLookedUpWhenItAppears_onlyWhenItSucceeds() {
    assertThat(NotifyEventSink.revealsIds(event("payment", null, TransactionStatus.PENDING)))
        .as("the hub's own payment appears PENDING: its out_trade_no was never sent yet")
        .isFalse();
    assertThat(NotifyEventSink.revealsIds(event("refund", null, TransactionStatus.PENDING)))
        .isFalse();
    assertThat(
            NotifyEventSink.revealsIds(
                event("payment", TransactionStatus.PENDING, TransactionStatus.IN_PROGRESS)))
        .isFalse();
    assertThat(
            NotifyEventSink.revealsIds(
                event("payment", TransactionStatus.IN_PROGRESS, TransactionStatus.SUCCEEDED)))
        .as("success reveals the syssn")
        .isTrue();
    assertThat(
            NotifyEventSink.revealsIds(
                event("payment", TransactionStatus.UNKNOWN, TransactionStatus.SUCCEEDED)))
        .isTrue();
  }

  @Test
  void anExternalRefund_isLookedUpWhenItAppears_andAChangeWithoutAMoveNever() {
    assertThat(NotifyEventSink.revealsIds(event("refund", null, TransactionStatus.SUCCEEDED)))
        .as("recorded from QFPay's word: a notification about it may be parked")
        .isTrue();
    assertThat(
            NotifyEventSink.revealsIds(
                event("payment", TransactionStatus.SUCCEEDED, TransactionStatus.SUCCEEDED)))
        .isFalse();
    assertThat(
            NotifyEventSink.revealsIds(
                event("payment", TransactionStatus.IN_PROGRESS, TransactionStatus.FAILED)))
        .isFalse();
  }

  private static TransactionEvent event(String kind, TransactionStatus from, TransactionStatus to) {
    return new TransactionEvent(
        kind + "." + to.name().toLowerCase(java.util.Locale.ROOT),
        kind.equals("payment") ? "pay_1" : "rfd_1",
        "pay_1",
        TerminalId.of("trm_1"),
        from,
        to,
        "test",
        Instant.parse("2026-12-07T12:00:00Z"));
  }
}

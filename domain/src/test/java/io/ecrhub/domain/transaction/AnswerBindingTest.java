package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TransactionReport;
import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.domain.testing.PaymentFixture;
import io.ecrhub.domain.testing.RefundFixture;
import io.ecrhub.domain.testing.TestMoney;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The binding rules of ADR 0007, answer by answer, transport by transport. */
class AnswerBindingTest {
  private final Payment payment =
      PaymentFixture.builder()
          .outTradeNo("EHbind-1")
          .amount(TestMoney.hkd("10.50"))
          .status(TransactionStatus.IN_PROGRESS)
          .build();
  private final Payment paid =
      PaymentFixture.builder()
          .outTradeNo("EHbind-2")
          .amount(TestMoney.hkd("10.50"))
          .syssn("20260302000000000777")
          .status(TransactionStatus.SUCCEEDED)
          .build();
  private final Refund refund =
      RefundFixture.of(paid)
          .amount(TestMoney.hkd("4.00"))
          .status(TransactionStatus.IN_PROGRESS)
          .build();

  private static TransactionReport trade(String outTradeNo, String txamt, String currency) {
    return new TransactionReport(
        "S1", outTradeNo, null, null, "0000", txamt, currency, null, null, null, Map.of());
  }

  private static TransactionReport refundAnswer(String origSyssn, String txamt) {
    return new TransactionReport(
        "R1", null, origSyssn, null, "0000", txamt, "HKD", null, null, null, Map.of());
  }

  private static TransactionReport query(String syssn, String tradetp, String txamt) {
    return new TransactionReport(
        syssn, null, null, tradetp, "0000", txamt, "HKD", null, null, null, Map.of());
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void tradeWithOurOutTradeNoAndAmount_isBound(Transport t) {
    var r = AnswerBinding.ofTrade(trade("EHbind-1", "10.50", "HKD"), payment, t);
    assertThat(r).isInstanceOf(AnswerBinding.Bound.class);
    var b = (AnswerBinding.Bound) r;
    assertThat(b.confirmedBy()).isEqualTo(AnswerBinding.assuranceOf(t));
    assertThat(b.confirmationPending())
        .as("only plain transports wait for confirmation of a complete answer")
        .isEqualTo(t == Transport.HTTP || t == Transport.TCP);
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.50", "10.5", "1050", " 1050 "})
  void tradeAmount_inDollarsOrCents_isBound(String txamt) {
    assertThat(AnswerBinding.ofTrade(trade("EHbind-1", txamt, "HKD"), payment, Transport.HTTP))
        .isInstanceOf(AnswerBinding.Bound.class);
  }

  @ParameterizedTest
  @EnumSource(Transport.class)
  void tradeNamingAnotherOutTradeNo_isAMismatchOnEveryTransport(Transport t) {
    var r = AnswerBinding.ofTrade(trade("EHsomeone-else", "10.50", "HKD"), payment, t);
    assertThat(r).isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(((AnswerBinding.Mismatch) r).note()).contains("out_trade_no", "EHsomeone-else");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"10.51", "1051", "0.01", "105", "-10.50", "10.500", "1e3", "1e999999999", "abc"})
  void tradeWithAnotherAmount_isAMismatch(String txamt) {
    var r = AnswerBinding.ofTrade(trade("EHbind-1", txamt, "HKD"), payment, Transport.HTTPS);
    assertThat(r).isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(((AnswerBinding.Mismatch) r).note()).contains("txamt");
  }

  @Test
  void absurdAmounts_areRejectedAsMismatches() {
    String huge = "9".repeat(10_000);
    for (String txamt : new String[] {huge, huge + ".50", "1e999999999", "1E+999999999"}) {
      assertThat(AnswerBinding.ofTrade(trade("EHbind-1", txamt, "HKD"), payment, Transport.TCP))
          .isInstanceOf(AnswerBinding.Mismatch.class);
      assertThat(AnswerAmounts.readings(txamt, payment.amount())).isEmpty();
    }
  }

  @Test
  void currency_mustMatchWhenPresent_andMayBeAbsent() {
    assertThat(AnswerBinding.ofTrade(trade("EHbind-1", "10.50", "USD"), payment, Transport.HTTPS))
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(AnswerBinding.ofTrade(trade("EHbind-1", "10.50", null), payment, Transport.HTTP))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.TERMINAL_PLAIN, true));
    assertThat(AnswerBinding.ofTrade(trade("EHbind-1", "10.50", "hkd"), payment, Transport.HTTPS))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.TERMINAL_TLS, false));
  }

  @ParameterizedTest
  @EnumSource(
      value = Transport.class,
      names = {"HTTP", "TCP"})
  void answerWithoutData_overAPlainTransport_isAMismatch(Transport t) {
    var r = AnswerBinding.ofTrade(TransactionReport.EMPTY, payment, t);
    assertThat(r).isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(((AnswerBinding.Mismatch) r).note()).contains("lacks", "out_trade_no", "txamt");
  }

  @Test
  void answerWithoutData_overAnAuthenticatedTransport_isBoundAndAsksForConfirmation() {
    assertThat(AnswerBinding.ofTrade(TransactionReport.EMPTY, payment, Transport.HTTPS))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.TERMINAL_TLS, true));
    assertThat(AnswerBinding.ofTrade(TransactionReport.EMPTY, payment, Transport.SERIAL))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.TERMINAL_SERIAL, true));
  }

  @Test
  void refund_bindsToTheOriginalSyssnAndTheRefundAmount() {
    Syssn original = paid.syssn().orElseThrow();
    assertThat(
            AnswerBinding.ofRefund(
                refundAnswer(original.value(), "400"), refund, original, Transport.TCP))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.TERMINAL_PLAIN, true));
    assertThat(
            AnswerBinding.ofRefund(
                refundAnswer("20260302000000000001", "4.00"), refund, original, Transport.HTTPS))
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(
            AnswerBinding.ofRefund(
                refundAnswer(original.value(), "5.00"), refund, original, Transport.HTTP))
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(AnswerBinding.ofRefund(TransactionReport.EMPTY, refund, original, Transport.HTTP))
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(AnswerBinding.ofRefund(TransactionReport.EMPTY, refund, original, Transport.HTTPS))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.TERMINAL_TLS, true));
  }

  @Test
  void query_bindsToTheKnownSyssnThePaymentKindAndTheAmount() {
    String sys = paid.syssn().orElseThrow().value();
    assertThat(AnswerBinding.ofPaymentQuery(query(sys, "payment", "1050"), paid, Transport.HTTPS))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.QUERY, false));
    assertThat(AnswerBinding.ofPaymentQuery(query(sys, "payment", "10.50"), paid, Transport.HTTP))
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.QUERY, true));
    assertThat(
            AnswerBinding.ofPaymentQuery(
                query("20260302000000000001", "payment", "10.50"), paid, Transport.HTTPS))
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(AnswerBinding.ofPaymentQuery(query(sys, "refund", "10.50"), paid, Transport.HTTPS))
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(AnswerBinding.ofPaymentQuery(query(sys, "payment", "9.99"), paid, Transport.HTTPS))
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(AnswerBinding.ofPaymentQuery(query(null, "payment", "10.50"), paid, Transport.TCP))
        .as("the syssn is required over plain transports when the hub knows it")
        .isInstanceOf(AnswerBinding.Mismatch.class);
    assertThat(
            AnswerBinding.ofPaymentQuery(
                query("20260302000000000001", "payment", "10.50"), payment, Transport.HTTP))
        .as("a syssn the hub does not know yet is not compared")
        .isEqualTo(new AnswerBinding.Bound(ConfirmedBy.QUERY, true));
    assertThat(AnswerBinding.ofPaymentQuery(query(null, null, null), payment, Transport.HTTP))
        .isInstanceOf(AnswerBinding.Mismatch.class);
  }
}

package io.ecrhub.domain.transaction;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.terminal.TransactionReport;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

class VerdictTest {
  private static final Payment PAYMENT =
      io.ecrhub.domain.testing.PaymentFixture.builder()
          .status(TransactionStatus.IN_PROGRESS)
          .build();

  /** A trade answer over pinned HTTPS (missing fields tolerated, see AnswerBindingTest). */
  static Verdict tls(TerminalOutcome outcome) {
    return Verdict.ofTradeAnswer(outcome, PAYMENT, io.ecrhub.domain.terminal.Transport.HTTPS);
  }

  @Test
  void approvalWithoutItsPayment_neverSucceeds() {
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.Approved(report("s1", "0000"))))
        .isInstanceOf(Verdict.Review.class);
  }

  static TransactionReport report(String syssn, String status) {
    return new TransactionReport(
        syssn, null, null, null, status, null, null, "VISA", "520000******1096", null, Map.of());
  }

  @Test
  void approved_succeedsWithTheReport() {
    Verdict v = tls(new TerminalOutcome.Approved(report("s1", "0000")));

    assertThat(v).isInstanceOf(Verdict.Succeeded.class);
    assertThat(((Verdict.Succeeded) v).syssn()).isEqualTo(Syssn.of("s1"));
  }

  @Test
  void approvedWithAnUnusableSyssn_stillSucceedsWithoutOne() {
    Verdict v = tls(new TerminalOutcome.Approved(report("bad syssn!", null)));

    assertThat(((Verdict.Succeeded) v).syssn()).isNull();
  }

  @Test
  void approvedButPending_isUnknown() {
    assertThat(tls(new TerminalOutcome.Approved(report("s1", "1143"))))
        .isInstanceOf(Verdict.Unknown.class);
  }

  @Test
  void approvedWithAFailingStatus_isDeclined() {
    assertThat(tls(new TerminalOutcome.Approved(report("s1", "1136"))))
        .isEqualTo(
            new Verdict.Declined(
                DeclineReason.DECLINED_BY_TERMINAL,
                "1136",
                "terminal reports transaction status 1136"));
  }

  @Test
  void declinedAndCancelled_areDefinite() {
    assertThat(
            Verdict.ofBusinessAnswer(
                new TerminalOutcome.Declined(
                    DeclineReason.DECLINED_BY_TERMINAL, "card declined", "6002")))
        .isEqualTo(
            new Verdict.Declined(DeclineReason.DECLINED_BY_TERMINAL, "6002", "card declined"));
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.Cancelled("by cashier")))
        .isEqualTo(new Verdict.Cancelled("by cashier"));
  }

  @ParameterizedTest
  @EnumSource(NotSentCause.class)
  void notSent_failsWithAReasonByCause(NotSentCause cause) {
    Verdict v = Verdict.ofBusinessAnswer(new TerminalOutcome.NotSent(cause, "detail"));

    DeclineReason expected =
        cause == NotSentCause.CERTIFICATE_CHANGED || cause == NotSentCause.CERTIFICATE_UNTRUSTED
            ? DeclineReason.CERTIFICATE_PROBLEM
            : DeclineReason.UNREACHABLE;
    assertThat(v).isEqualTo(new Verdict.Failed(expected, cause.name(), "detail"));
  }

  @Test
  void refusalsBeforeActing_fail() {
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.Busy("busy")))
        .isEqualTo(new Verdict.Failed(DeclineReason.TERMINAL_BUSY, "BUSY", "busy"));
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.KeyMismatch("4003", "denied")))
        .isEqualTo(new Verdict.Failed(DeclineReason.KEY_MISMATCH, "4003", "denied"));
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.LoggedOut("logged out")))
        .isEqualTo(new Verdict.Failed(DeclineReason.LOGGED_OUT, "4007", "logged out"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4004", "4006"})
  void malformedRequestErrors_fail(String code) {
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.ProtocolError(code, "bad")))
        .isEqualTo(new Verdict.Failed(DeclineReason.PROTOCOL_ERROR, code, "bad"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4005", "9999", ""})
  void otherProtocolErrors_mayHideAMovedPaymentSoAreUnknown(String code) {
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.ProtocolError(code, "other")))
        .isInstanceOf(Verdict.Unknown.class);
  }

  @Test
  void noAnswerOrNotFound_isUnknownNeverFailed() {
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.OutcomeUnknown("read timeout")))
        .isEqualTo(new Verdict.Unknown("read timeout"));
    assertThat(Verdict.ofBusinessAnswer(new TerminalOutcome.NotFound("none", "6002")))
        .isInstanceOf(Verdict.Unknown.class);
  }
}

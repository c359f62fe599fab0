package io.ecrhub.ecr.codec;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

/** Every respcd of protocol doc §6.1, per function, through the real decoder. */
class ResponseClassifierTest {

  private static TerminalOutcome classify(EcrFunction f, String body) throws Exception {
    return ResponseClassifier.classify(
        f, EcrCodec.decodeResponse(body.getBytes(StandardCharsets.UTF_8), EcrCodecVectorsTest.KEY));
  }

  private static String env(String respcd, String msg) {
    return "{\"respcd\":\"" + respcd + "\",\"respmsg\":\"" + msg + "\",\"resperr\":\"\"}";
  }

  @ParameterizedTest
  @EnumSource(EcrFunction.class)
  void respcd6000WithTransaction_isApprovedForEveryFunction(EcrFunction f) throws Exception {
    TerminalOutcome o =
        classify(
            f,
            "{\"respcd\":\"6000\",\"respmsg\":\"ok\",\"data\":\"{\\\"syssn\\\":\\\"20250826155400087645770447\\\","
                + "\\\"out_trade_no\\\":\\\"x--1--2\\\",\\\"txamt\\\":\\\"10.50\\\",\\\"respcd\\\":\\\"0000\\\"}\"}");
    assertThat(o).isInstanceOf(TerminalOutcome.Approved.class);
    TransactionReport r = ((TerminalOutcome.Approved) o).report();
    assertThat(r.syssn()).isEqualTo("20250826155400087645770447");
    assertThat(r.outTradeNo()).isEqualTo("x--1--2");
    assertThat(r.amountText()).isEqualTo("10.50");
    assertThat(r.statusSucceeded()).isTrue();
    assertThat(o.rawCode()).isEqualTo("6000");
  }

  @Test
  void respcd6000QueryWithoutTransaction_isNotFound() throws Exception {
    assertThat(classify(EcrFunction.QUERY, env("6000", "ok")))
        .isInstanceOf(TerminalOutcome.NotFound.class);
    assertThat(classify(EcrFunction.PRINT_SUMMARY, env("6000", "ok")))
        .isInstanceOf(TerminalOutcome.Approved.class);
  }

  @ParameterizedTest
  @EnumSource(EcrFunction.class)
  void respcd6001_isCancelledWithTheTerminalsMessage(EcrFunction f) throws Exception {
    TerminalOutcome o = classify(f, env("6001", "user cancelled"));
    assertThat(o).isEqualTo(new TerminalOutcome.Cancelled("user cancelled"));
    assertThat(classify(f, env("6001", "")))
        .isEqualTo(new TerminalOutcome.Cancelled("cancelled on the terminal"));
  }

  @ParameterizedTest
  @EnumSource(value = EcrFunction.class, names = "QUERY", mode = EnumSource.Mode.EXCLUDE)
  void respcd6002_isDeclinedExceptForAQuery(EcrFunction f) throws Exception {
    assertThat(classify(f, env("6002", "card declined")))
        .isEqualTo(
            new TerminalOutcome.Declined(
                DeclineReason.DECLINED_BY_TERMINAL, "card declined", "6002"));
  }

  @Test
  void respcd6002OnAQuery_isNotFound() throws Exception {
    assertThat(classify(EcrFunction.QUERY, env("6002", "no record")))
        .isEqualTo(new TerminalOutcome.NotFound("no record", "6002"));
    assertThat(classify(EcrFunction.QUERY, env("6002", "")))
        .isEqualTo(new TerminalOutcome.NotFound("no such transaction", "6002"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"4003", "5001"})
  void keyErrors_areKeyMismatchForEveryFunction(String code) throws Exception {
    for (EcrFunction f : EcrFunction.values()) {
      assertThat(classify(f, env(code, "POS-KEY invalid")))
          .isEqualTo(new TerminalOutcome.KeyMismatch(code, "POS-KEY invalid"));
    }
  }

  @Test
  void respcd4007_isLoggedOut() throws Exception {
    for (EcrFunction f : EcrFunction.values()) {
      assertThat(classify(f, env("4007", "not logged in")))
          .isEqualTo(new TerminalOutcome.LoggedOut("not logged in"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"4004", "4005", "4006"})
  void requestFormErrors_areProtocolErrors(String code) throws Exception {
    for (EcrFunction f : EcrFunction.values()) {
      assertThat(classify(f, env(code, "bad")))
          .isEqualTo(new TerminalOutcome.ProtocolError(code, "bad"));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"9999", "0000", "", "6003", "60001"})
  void unknownRespcdOnTradeOrRefund_isOutcomeUnknown(String code) throws Exception {
    assertThat(classify(EcrFunction.TRADE, env(code, "?")))
        .isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
    assertThat(classify(EcrFunction.REFUND, env(code, "?")))
        .isInstanceOf(TerminalOutcome.OutcomeUnknown.class);
  }

  @Test
  void unknownRespcdOnNonBusinessFunction_isProtocolErrorKeepingTheCode() throws Exception {
    for (EcrFunction f :
        new EcrFunction[] {
          EcrFunction.QUERY,
          EcrFunction.PRINT_RECEIPT,
          EcrFunction.PRINT_SUMMARY,
          EcrFunction.CANCEL_REQUEST
        }) {
      assertThat(classify(f, env("9999", "odd")))
          .isEqualTo(new TerminalOutcome.ProtocolError("9999", "odd"));
    }
  }

  @Test
  void numericRespcdAndWhitespace_areNormalised() throws Exception {
    assertThat(classify(EcrFunction.TRADE, "{\"respcd\":6001}"))
        .isInstanceOf(TerminalOutcome.Cancelled.class);
    assertThat(classify(EcrFunction.TRADE, "{\"respcd\":\" 6001 \"}"))
        .isInstanceOf(TerminalOutcome.Cancelled.class);
  }

  @Test
  void message_prefersResperrThenRespmsgThenDataFieldSpellings() throws Exception {
    assertThat(
            classify(
                EcrFunction.TRADE,
                "{\"respcd\":\"6002\",\"respmsg\":\"generic\",\"resperr\":\"specific\"}"))
        .isEqualTo(
            new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "specific", "6002"));
    assertThat(classify(EcrFunction.TRADE, "{\"respcd\":\"6002\",\"respmsg\":\"generic\"}"))
        .isEqualTo(
            new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "generic", "6002"));
    // the data-level spellings resmsg/reserr are accepted at envelope level as a fallback
    assertThat(
            classify(EcrFunction.TRADE, "{\"respcd\":\"6002\",\"resmsg\":\"m\",\"reserr\":\"e\"}"))
        .isEqualTo(new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "e", "6002"));
    assertThat(classify(EcrFunction.TRADE, "{\"respcd\":\"6002\",\"resmsg\":\"m\"}"))
        .isEqualTo(new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, "m", "6002"));
  }

  @Test
  void dataAsJsonStringOrObject_giveTheSameReport() throws Exception {
    String asString =
        "{\"respcd\":\"6000\",\"data\":\"{\\\"syssn\\\":\\\"S1\\\",\\\"cardscheme\\\":\\\"VISA\\\","
            + "\\\"txcurrcd\\\":\\\"HKD\\\",\\\"busicd\\\":\\\"802808\\\"}\"}";
    String asObject =
        "{\"respcd\":\"6000\",\"data\":{\"syssn\":\"S1\",\"cardscheme\":\"VISA\","
            + "\"txcurrcd\":\"HKD\",\"busicd\":\"802808\"}}";
    TerminalOutcome a = classify(EcrFunction.TRADE, asString);
    TerminalOutcome b = classify(EcrFunction.TRADE, asObject);
    assertThat(a).isEqualTo(b);
    TransactionReport r = ((TerminalOutcome.Approved) a).report();
    assertThat(r.cardScheme()).isEqualTo("VISA");
    assertThat(r.currency()).isEqualTo("HKD");
    assertThat(r.fields()).containsEntry("busicd", "802808");
  }

  @Test
  void refundReport_takesOrigSyssnOrOrigssn() throws Exception {
    TerminalOutcome o =
        classify(
            EcrFunction.REFUND,
            "{\"respcd\":\"6000\",\"data\":{\"syssn\":\"R1\",\"orig_syssn\":\"P1\",\"txamt\":5}}");
    assertThat(((TerminalOutcome.Approved) o).report().originalSyssn()).isEqualTo("P1");
    assertThat(((TerminalOutcome.Approved) o).report().amountText()).isEqualTo("5");
    TerminalOutcome q =
        classify(
            EcrFunction.QUERY,
            "{\"respcd\":\"6000\",\"data\":{\"syssn\":\"R1\",\"origssn\":\"P1\",\"tradetp\":\"refund\","
                + "\"respcd\":\"1143\"}}");
    TransactionReport r = ((TerminalOutcome.Approved) q).report();
    assertThat(r.originalSyssn()).isEqualTo("P1");
    assertThat(r.isRefund()).isTrue();
    assertThat(r.statusPending()).isTrue();
  }

  @Test
  void refundReport_takesOrderIdWhenNeitherOrigSyssnNorOrigssnIsThere() throws Exception {
    TerminalOutcome o =
        classify(
            EcrFunction.REFUND,
            "{\"respcd\":\"6000\",\"data\":{\"syssn\":\"R1\",\"orderId\":\"P9\",\"txamt\":\"4.00\"}}");
    assertThat(((TerminalOutcome.Approved) o).report().originalSyssn()).isEqualTo("P9");
    assertThat(((TerminalOutcome.Approved) o).report().fields()).doesNotContainKey("orderId");
  }

  @Test
  void cardNumbers_areMaskedToFirstSixAndLastFour() throws Exception {
    assertThat(ResponseClassifier.maskPan("5200001234561096")).isEqualTo("520000******1096");
    assertThat(ResponseClassifier.maskPan("520000******1096")).isEqualTo("520000******1096");
    assertThat(ResponseClassifier.maskPan("5200 0012 3456 1096")).isEqualTo("520000******1096");
    assertThat(ResponseClassifier.maskPan("4111111111111111111")).isEqualTo("411111*********1111");
    assertThat(ResponseClassifier.maskPan("123456789")).isEqualTo("****");
    assertThat(ResponseClassifier.maskPan("")).isNull();
    assertThat(ResponseClassifier.maskPan(null)).isNull();
    TerminalOutcome o =
        classify(
            EcrFunction.QUERY,
            "{\"respcd\":\"6000\",\"data\":{\"syssn\":\"S\",\"cardno\":\"5200001234561096\"}}");
    TransactionReport r = ((TerminalOutcome.Approved) o).report();
    assertThat(r.maskedCardNumber()).isEqualTo("520000******1096");
    assertThat(r.fields()).doesNotContainKey("cardno");
    assertThat(r.toString()).doesNotContain("5200001234561096");
  }

  @Test
  void longExtraFields_areTruncatedInTheReport() {
    TransactionReport r = ResponseClassifier.report(Map.of("desc", "x".repeat(500)));
    assertThat(r.fields().get("desc")).hasSize(200);
  }
}

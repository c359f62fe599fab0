package io.ecrhub.ecr.codec;

import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TransactionReport;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Maps a decoded response to a {@link TerminalOutcome} (protocol doc §6.1): 6000 approved, 6001
 * cancelled, 6002 declined (for a query: not found), 4003/5001 key mismatch, 4007 logged out,
 * 4004/4005/4006 protocol error. A complete answer with a code we do not know is, for a trade or
 * refund, {@link TerminalOutcome.OutcomeUnknown}: money may have moved.
 */
public final class ResponseClassifier {
  private static final Set<String> REPORT_KEYS =
      Set.of(
          "syssn",
          "out_trade_no",
          "orig_syssn",
          "origssn",
          "orderId",
          "tradetp",
          "respcd",
          "txamt",
          "txcurrcd",
          "cardscheme",
          "cardno",
          "allow_refund_amt");

  private ResponseClassifier() {}

  public static TerminalOutcome classify(EcrFunction function, EcrResponse r) {
    String code = r.respcd() == null ? "" : r.respcd().trim();
    String msg = r.message();
    return switch (code) {
      case "6000" -> approved(function, r);
      case "6001" ->
          new TerminalOutcome.Cancelled(msg.isEmpty() ? "cancelled on the terminal" : msg);
      case "6002" ->
          function == EcrFunction.QUERY
              ? new TerminalOutcome.NotFound(msg.isEmpty() ? "no such transaction" : msg, code)
              : new TerminalOutcome.Declined(DeclineReason.DECLINED_BY_TERMINAL, msg, code);
      case "4003", "5001" -> new TerminalOutcome.KeyMismatch(code, msg);
      case "4007" -> new TerminalOutcome.LoggedOut(msg);
      case "4004", "4005", "4006" -> new TerminalOutcome.ProtocolError(code, msg);
      default ->
          isBusiness(function)
              ? new TerminalOutcome.OutcomeUnknown(
                  "terminal answered unknown respcd '" + abbreviate(code) + "'")
              : new TerminalOutcome.ProtocolError(abbreviate(code), msg);
    };
  }

  public static boolean isBusiness(EcrFunction f) {
    return f == EcrFunction.TRADE || f == EcrFunction.REFUND;
  }

  private static TerminalOutcome approved(EcrFunction function, EcrResponse r) {
    TransactionReport report = report(r.data());
    if (function == EcrFunction.QUERY
        && report.syssnOpt().isEmpty()
        && report.outTradeNo() == null) {
      return new TerminalOutcome.NotFound("query answered without a transaction", "6000");
    }
    return new TerminalOutcome.Approved(report);
  }

  /** Builds the report from {@code data}; masks a card number that arrives unmasked. */
  public static TransactionReport report(Map<String, Object> data) {
    Map<String, String> extra = new LinkedHashMap<>();
    data.forEach(
        (k, v) -> {
          if (!REPORT_KEYS.contains(k) && v != null) {
            String s = EcrCodec.text(v);
            extra.put(k, s.length() > 200 ? s.substring(0, 200) : s);
          }
        });
    String orig = str(data, "orig_syssn");
    if (orig == null) {
      orig = str(data, "origssn");
    }
    if (orig == null) {
      orig = str(data, "orderId"); // the refund request's own name for it (protocol notes §4)
    }
    return new TransactionReport(
        str(data, "syssn"),
        str(data, "out_trade_no"),
        orig,
        str(data, "tradetp"),
        str(data, "respcd"),
        str(data, "txamt"),
        str(data, "txcurrcd"),
        str(data, "cardscheme"),
        maskPan(str(data, "cardno")),
        str(data, "allow_refund_amt"),
        extra);
  }

  /** Keeps at most the first 6 and last 4 digits of a card number. */
  public static String maskPan(String cardNo) {
    if (cardNo == null || cardNo.isBlank()) {
      return null;
    }
    String digits = cardNo.replaceAll("[^0-9*]", "");
    if (digits.length() < 10) {
      return "****";
    }
    String first = digits.substring(0, 6);
    String last = digits.substring(digits.length() - 4);
    return first + "*".repeat(digits.length() - 10) + last;
  }

  private static String str(Map<String, Object> data, String key) {
    Object v = data.get(key);
    if (v == null) {
      return null;
    }
    String s = EcrCodec.text(v);
    return s.isBlank() ? null : s;
  }

  private static String abbreviate(String s) {
    return s.length() > 16 ? s.substring(0, 16) : s;
  }
}

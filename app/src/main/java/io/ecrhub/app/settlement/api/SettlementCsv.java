package io.ecrhub.app.settlement.api;

import io.ecrhub.domain.settlement.SettlementLine;
import io.ecrhub.domain.settlement.SettlementReport;

/**
 * The statement as CSV (RFC 4180): a header, one row per line. Fields are quoted when they hold a
 * comma, quote or line break; a text field a spreadsheet would take for a formula ({@code = + - @}
 * first) gets a leading apostrophe, since identifiers come from QFPay's answers.
 */
final class SettlementCsv {
  static final String HEADER =
      "outcome,kind,hub_id,terminal_id,out_trade_no,syssn,hub_status,hub_amount,hub_currency,"
          + "cloud_respcd,cloud_amount,cloud_currency,at";

  private SettlementCsv() {}

  static String of(SettlementReport r) {
    StringBuilder b = new StringBuilder(HEADER).append("\r\n");
    for (SettlementLine l : r.lines()) {
      b.append(l.outcome().name())
          .append(',')
          .append(l.kind().name())
          .append(',')
          .append(text(l.hubId()))
          .append(',')
          .append(text(l.terminalId()))
          .append(',')
          .append(text(l.outTradeNo()))
          .append(',')
          .append(text(l.syssn()))
          .append(',')
          .append(text(l.hubStatus()))
          .append(',')
          .append(nz(SettlementViews.amount(l.hubAmount())))
          .append(',')
          .append(nz(SettlementViews.currency(l.hubAmount())))
          .append(',')
          .append(text(l.cloudRespcd()))
          .append(',')
          .append(nz(SettlementViews.amount(l.cloudAmount())))
          .append(',')
          .append(nz(SettlementViews.currency(l.cloudAmount())))
          .append(',')
          .append(l.at())
          .append("\r\n");
    }
    return b.toString();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  /** A text field: formula-safe and quoted when needed. */
  static String text(String s) {
    if (s == null || s.isEmpty()) {
      return "";
    }
    String v = "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    if (v.contains(",") || v.contains("\"") || v.contains("\n") || v.contains("\r")) {
      return "\"" + v.replace("\"", "\"\"") + "\"";
    }
    return v;
  }
}

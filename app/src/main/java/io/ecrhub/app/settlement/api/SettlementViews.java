package io.ecrhub.app.settlement.api;

import io.ecrhub.domain.settlement.SettlementLine;
import io.ecrhub.domain.settlement.SettlementReport;
import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.shared.Money;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The JSON of the daily statement and its stored runs. */
final class SettlementViews {
  private SettlementViews() {}

  static String amount(Money m) {
    return m == null ? null : m.toPlainString();
  }

  static String currency(Money m) {
    return m == null ? null : m.currency().getCurrencyCode();
  }

  /** How many lines of each outcome. */
  @Schema(name = "SettlementCounts")
  record Counts(int matched, int amountDiffers, int onlyAtQfpay, int onlyInHub) {}

  /** The statement of one business day. */
  @Schema(name = "SettlementReport")
  record ReportView(
      @Schema(description = "The business day, YYYY-MM-DD") LocalDate date,
      @Schema(description = "The business day's time zone", examples = "Asia/Hong_Kong")
          String zone,
      @Schema(description = "The day's start (inclusive)") Instant from,
      @Schema(description = "The next day's start (exclusive)") Instant to,
      Instant generatedAt,
      @Schema(description = "Pages of QFPay's /trade/v1/query read") int cloudPages,
      @Schema(description = "True when every transaction matched") boolean clean,
      Counts counts,
      @Schema(description = "Every transaction either side settled that day, oldest first")
          List<LineView> lines) {
    static ReportView of(SettlementReport r) {
      return new ReportView(
          r.date(),
          r.zone().getId(),
          r.from(),
          r.to(),
          r.generatedAt(),
          r.cloudPages(),
          r.clean(),
          new Counts(
              r.count(SettlementLine.Outcome.MATCHED),
              r.count(SettlementLine.Outcome.AMOUNT_DIFFERS),
              r.count(SettlementLine.Outcome.ONLY_AT_QFPAY),
              r.count(SettlementLine.Outcome.ONLY_IN_HUB)),
          r.lines().stream().map(LineView::of).toList());
    }
  }

  /** One transaction as the hub and QFPay have it. */
  @Schema(name = "SettlementLine")
  record LineView(
      @Schema(
              description =
                  "MATCHED, AMOUNT_DIFFERS, ONLY_AT_QFPAY (QFPay settled it; the hub has no such"
                      + " transaction or did not settle it) or ONLY_IN_HUB (the other way round)")
          String outcome,
      @Schema(description = "PAYMENT or REFUND") String kind,
      @Schema(description = "The hub's payment or refund id; null when only QFPay has it")
          String hubId,
      String terminalId,
      String outTradeNo,
      @Schema(description = "QFPay's transaction number") String syssn,
      @Schema(description = "The hub's status, e.g. SUCCEEDED or UNKNOWN") String hubStatus,
      @Schema(description = "Decimal string at the currency's scale") String hubAmount,
      String hubCurrency,
      @Schema(description = "QFPay's transaction status code (0000 = succeeded)")
          String cloudRespcd,
      @Schema(description = "Decimal string at the currency's scale") String cloudAmount,
      String cloudCurrency,
      @Schema(description = "The hub's time when it has the transaction, else QFPay's")
          Instant at) {
    static LineView of(SettlementLine l) {
      return new LineView(
          l.outcome().name(),
          l.kind().name(),
          l.hubId(),
          l.terminalId(),
          l.outTradeNo(),
          l.syssn(),
          l.hubStatus(),
          amount(l.hubAmount()),
          currency(l.hubAmount()),
          l.cloudRespcd(),
          amount(l.cloudAmount()),
          currency(l.cloudAmount()),
          l.at());
    }
  }

  /** One stored run of the nightly statement. */
  @Schema(name = "SettlementRun")
  record RunView(
      String id,
      LocalDate date,
      String zone,
      Instant ranAt,
      @Schema(description = "CLEAN, MISMATCH or FAILED") String status,
      Counts counts,
      @Schema(description = "Why a FAILED run failed") String detail,
      @Schema(description = "The lines that did not match (only on GET of one run)")
          List<LineView> differences) {
    static RunView of(SettlementRun r) {
      return new RunView(
          r.id(),
          r.date(),
          r.zone().getId(),
          r.ranAt(),
          r.status().name(),
          new Counts(r.matched(), r.amountDiffers(), r.onlyAtQfpay(), r.onlyInHub()),
          r.detail(),
          r.differences().stream().map(LineView::of).toList());
    }
  }
}

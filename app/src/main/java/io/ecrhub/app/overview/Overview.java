package io.ecrhub.app.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The operator console's landing page in one answer: the fleet by status, today's payments, the
 * last 24 hours per hour, the money in doubt and the notification intake's health, all limited to
 * what the caller's API key may see.
 */
@Schema(name = "Overview")
public record Overview(
    Instant generatedAt,
    @Schema(description = "Who is asking: the key's name, role and whether it is scoped")
        CallerView caller,
    FleetView terminals,
    TodayView paymentsToday,
    @Schema(description = "The last 24 hours, one entry per hour, oldest first")
        List<HourView> lastDay,
    DoubtView moneyInDoubt,
    @Schema(description = "Notification intake health; null unless the key is an unscoped admin")
        IntakeView notifications) {

  /** The caller as the console needs it to hide what the key may not do. */
  @Schema(name = "OverviewCaller")
  public record CallerView(String name, String role, boolean scoped) {}

  /** Terminals in scope: counts per status, per store, and the ones needing action. */
  @Schema(name = "OverviewFleet")
  public record FleetView(
      int total,
      @Schema(description = "Terminal status -> count") Map<String, Integer> byStatus,
      @Schema(description = "Per store (storeId null for terminals without one), sorted")
          List<StoreView> stores,
      @Schema(description = "Terminals not ONLINE, most recently changed first (at most 50)")
          List<TerminalView> needingAction,
      boolean moreNeedingAction) {}

  @Schema(name = "OverviewStore")
  public record StoreView(String storeId, int total, int online) {}

  @Schema(name = "OverviewTerminal")
  public record TerminalView(
      String id,
      String name,
      String storeId,
      String status,
      String statusDetail,
      String statusMeaning,
      String statusFix,
      Instant updatedAt) {}

  /** Payments created since {@code from} (today's midnight in the zone the caller named). */
  @Schema(name = "OverviewToday")
  public record TodayView(
      Instant from,
      long count,
      @Schema(description = "Payment status -> count") Map<String, Long> byStatus,
      @Schema(description = "Amount taken (SUCCEEDED payments) per currency")
          List<AmountView> succeededAmounts,
      @Schema(
              description =
                  "SUCCEEDED / (SUCCEEDED + DECLINED), a decimal string with 4 places; null when"
                      + " no payment got an answer yet")
          String approvalRate) {}

  @Schema(name = "OverviewAmount")
  public record AmountView(String currency, String amount) {}

  @Schema(name = "OverviewHour")
  public record HourView(Instant from, long count, long succeeded) {}

  /** UNKNOWN payments and refunds and those flagged for review, newest first. */
  @Schema(name = "OverviewDoubt")
  public record DoubtView(
      List<DoubtfulPayment> payments,
      boolean morePayments,
      List<DoubtfulRefund> refunds,
      boolean moreRefunds) {}

  @Schema(name = "OverviewDoubtfulPayment")
  public record DoubtfulPayment(
      String id,
      String terminalId,
      String amount,
      String currency,
      String status,
      String reviewNote,
      Instant createdAt) {}

  @Schema(name = "OverviewDoubtfulRefund")
  public record DoubtfulRefund(
      String id,
      String paymentId,
      String terminalId,
      String amount,
      String currency,
      String status,
      String reviewNote,
      Instant createdAt) {}

  @Schema(name = "OverviewIntake")
  public record IntakeView(
      @Schema(description = "When the last notification with a valid signature arrived")
          Instant lastVerifiedAt,
      @Schema(description = "Rejected requests to /qfpay/notify stored as samples in the last hour")
          long rejectedLastHour) {}
}

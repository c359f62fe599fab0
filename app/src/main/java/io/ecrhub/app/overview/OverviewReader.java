package io.ecrhub.app.overview;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Port: the aggregates of the overview, each one query whatever the fleet's size (counts and
 * bounded lists, on indexed columns).
 */
public interface OverviewReader {
  /** Every terminal (id, name, store, status): one row each, a fleet is at most thousands. */
  List<TerminalRow> terminals();

  /**
   * Payments since {@code from} on {@code terminals} (null: all), counted per status and currency.
   */
  List<Tally> paymentsSince(Instant from, List<String> terminals);

  /** Payments and SUCCEEDED ones per hour in {@code [from, from + hours)}. */
  List<Overview.HourView> perHour(Instant from, int hours, List<String> terminals);

  /** UNKNOWN or flagged payments, newest first, at most {@code limit}. */
  List<Overview.DoubtfulPayment> doubtfulPayments(List<String> terminals, int limit);

  /** UNKNOWN or flagged refunds, newest first, at most {@code limit}. */
  List<Overview.DoubtfulRefund> doubtfulRefunds(List<String> terminals, int limit);

  /** The last verified notification's arrival and rejected samples since {@code since}. */
  Overview.IntakeView intake(Instant since);

  record TerminalRow(
      String id, String name, String storeId, String status, String detail, Instant updatedAt) {}

  record Tally(String status, String currency, long count, long amountMinor) {}

  /** Status -> count of a tally list. */
  static Map<String, Long> byStatus(List<Tally> tallies) {
    Map<String, Long> out = new java.util.TreeMap<>();
    tallies.forEach(t -> out.merge(t.status(), t.count(), Long::sum));
    return out;
  }
}

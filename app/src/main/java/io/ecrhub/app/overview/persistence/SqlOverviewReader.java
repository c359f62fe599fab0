package io.ecrhub.app.overview.persistence;

import io.ecrhub.app.overview.Overview;
import io.ecrhub.app.overview.OverviewReader;
import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.Refund;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Adapter: the overview's aggregates in plain SQL (H2 in PostgreSQL mode and PostgreSQL), each one
 * statement on indexed columns: payments by {@code created_at} ({@code payment_created_idx}), in
 * doubt by {@code status} ({@code payment_status_idx}, {@code refund_status_idx}) and by their
 * review events ({@code transaction_event_type_idx}, V61), notifications by {@code (status,
 * received_at)} and {@code received_at}.
 */
@ApplicationScoped
public class SqlOverviewReader implements OverviewReader {
  private final Jdbc jdbc;

  @Inject
  public SqlOverviewReader(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public List<TerminalRow> terminals() {
    return jdbc.query(
        "SELECT id, name, store_id, status, status_detail, updated_at FROM terminal",
        rs ->
            new TerminalRow(
                rs.getString("id"),
                rs.getString("name"),
                rs.getString("store_id"),
                rs.getString("status"),
                rs.getString("status_detail"),
                Jdbc.instant(rs, "updated_at")));
  }

  @Override
  public List<Tally> paymentsSince(Instant from, List<String> terminals) {
    List<Object> params = new ArrayList<>(List.of(from));
    String sql =
        "SELECT status, currency, COUNT(*) AS n, SUM(amount_minor) AS amount FROM payment"
            + " WHERE created_at >= ?"
            + only(terminals, params)
            + " GROUP BY status, currency";
    return jdbc.query(
        sql,
        rs ->
            new Tally(
                rs.getString("status"),
                rs.getString("currency"),
                rs.getLong("n"),
                rs.getLong("amount")),
        params.toArray());
  }

  @Override
  public List<Overview.HourView> perHour(Instant from, int hours, List<String> terminals) {
    StringBuilder sql = new StringBuilder("SELECT ");
    List<Object> params = new ArrayList<>();
    for (int i = 0; i < hours; i++) {
      Instant start = from.plus(Duration.ofHours(i));
      Instant end = start.plus(Duration.ofHours(1));
      sql.append(i == 0 ? "" : ", ")
          .append("SUM(CASE WHEN created_at >= ? AND created_at < ? THEN 1 ELSE 0 END) AS n")
          .append(i)
          .append(", SUM(CASE WHEN created_at >= ? AND created_at < ? AND status = 'SUCCEEDED'")
          .append(" THEN 1 ELSE 0 END) AS s")
          .append(i);
      params.addAll(List.of(start, end, start, end));
    }
    sql.append(" FROM payment WHERE created_at >= ? AND created_at < ?");
    params.add(from);
    params.add(from.plus(Duration.ofHours(hours)));
    sql.append(only(terminals, params));
    return jdbc.query(
            sql.toString(),
            rs -> {
              List<Overview.HourView> out = new ArrayList<>();
              for (int i = 0; i < hours; i++) {
                out.add(
                    new Overview.HourView(
                        from.plus(Duration.ofHours(i)), rs.getLong("n" + i), rs.getLong("s" + i)));
              }
              return out;
            },
            params.toArray())
        .get(0);
  }

  @Override
  public List<Overview.DoubtfulPayment> doubtfulPayments(List<String> terminals, int limit) {
    String columns = "id, terminal_id, amount_minor, currency, status, review_note, created_at";
    List<Object> params = new ArrayList<>();
    String unknown =
        "SELECT " + columns + " FROM payment WHERE status = 'UNKNOWN'" + only(terminals, params);
    params.add(Payment.REVIEW_REQUIRED);
    String flagged =
        "SELECT "
            + columns
            + " FROM payment WHERE review_note IS NOT NULL AND id IN"
            + " (SELECT aggregate_id FROM transaction_event WHERE type = ?)"
            + only(terminals, params);
    return jdbc.query(
        unknown + " UNION " + flagged + " ORDER BY created_at DESC, id DESC LIMIT " + limit,
        rs ->
            new Overview.DoubtfulPayment(
                rs.getString("id"),
                rs.getString("terminal_id"),
                amount(rs),
                rs.getString("currency"),
                rs.getString("status"),
                rs.getString("review_note"),
                Jdbc.instant(rs, "created_at")),
        params.toArray());
  }

  @Override
  public List<Overview.DoubtfulRefund> doubtfulRefunds(List<String> terminals, int limit) {
    String columns =
        "id, payment_id, terminal_id, amount_minor, currency, status, review_note, created_at";
    List<Object> params = new ArrayList<>();
    String unknown =
        "SELECT " + columns + " FROM refund WHERE status = 'UNKNOWN'" + only(terminals, params);
    params.add(Refund.REVIEW_REQUIRED);
    String flagged =
        "SELECT "
            + columns
            + " FROM refund WHERE review_note IS NOT NULL AND id IN"
            + " (SELECT aggregate_id FROM transaction_event WHERE type = ?)"
            + only(terminals, params);
    return jdbc.query(
        unknown + " UNION " + flagged + " ORDER BY created_at DESC, id DESC LIMIT " + limit,
        rs ->
            new Overview.DoubtfulRefund(
                rs.getString("id"),
                rs.getString("payment_id"),
                rs.getString("terminal_id"),
                amount(rs),
                rs.getString("currency"),
                rs.getString("status"),
                rs.getString("review_note"),
                Jdbc.instant(rs, "created_at")),
        params.toArray());
  }

  @Override
  public Overview.IntakeView intake(Instant since) {
    return jdbc.query(
            "SELECT (SELECT received_at FROM notification_inbox WHERE status <> 'REJECTED'"
                + " ORDER BY received_at DESC LIMIT 1) AS last_verified,"
                + " (SELECT COUNT(*) FROM notification_inbox"
                + " WHERE status = 'REJECTED' AND received_at >= ?) AS rejected",
            rs ->
                new Overview.IntakeView(Jdbc.instant(rs, "last_verified"), rs.getLong("rejected")),
            since)
        .get(0);
  }

  private static String amount(ResultSet rs) throws SQLException {
    return Money.ofMinor(rs.getLong("amount_minor"), rs.getString("currency"))
        .amount()
        .toPlainString();
  }

  /** {@code AND terminal_id IN (…)} for a scoped caller (the ids appended to params). */
  private static String only(List<String> terminals, List<Object> params) {
    if (terminals == null) {
      return "";
    }
    params.addAll(terminals);
    return " AND terminal_id IN (" + Jdbc.marks(terminals.size()) + ")";
  }
}

package io.ecrhub.app.persistence;

import io.ecrhub.app.payments.PaymentTrail;
import io.ecrhub.app.persistence.jdbc.Jdbc;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Adapter: a payment's trail in plain SQL, one indexed statement each: the notification inbox by
 * {@code trade_ref} and {@code syssn_ref} (V20), the event log by {@code payment_id} (V8).
 */
@ApplicationScoped
public class SqlPaymentTrail implements PaymentTrail {
  private final Jdbc jdbc;

  @Inject
  public SqlPaymentTrail(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public List<Heard> notifications(String outTradeNo, String syssn, int limit) {
    String columns = "id, received_at, status, dedupe_key, syssn_ref, note";
    List<Object> params = new ArrayList<>();
    params.add(outTradeNo);
    String sql =
        "SELECT "
            + columns
            + " FROM notification_inbox WHERE trade_ref = ? AND status <> 'REJECTED'";
    if (syssn != null) {
      sql +=
          " UNION SELECT "
              + columns
              + " FROM notification_inbox WHERE syssn_ref = ? AND status <> 'REJECTED'";
      params.add(syssn);
    }
    return jdbc.query(
        sql + " ORDER BY received_at, id LIMIT " + limit,
        rs -> {
          String key = rs.getString("dedupe_key");
          int colon = key == null ? -1 : key.indexOf(':');
          return new Heard(
              rs.getString("id"),
              Jdbc.instant(rs, "received_at"),
              colon < 0 ? null : key.substring(0, colon),
              rs.getString("status"),
              rs.getString("syssn_ref"),
              rs.getString("note"));
        },
        params.toArray());
  }

  @Override
  public List<Change> changes(String paymentId, int limit) {
    return jdbc.query(
        "SELECT id, occurred_at, aggregate_id, payment_id, from_status, to_status, type, reason"
            + " FROM transaction_event WHERE payment_id = ? ORDER BY id LIMIT "
            + limit,
        rs -> {
          String aggregate = rs.getString("aggregate_id");
          return new Change(
              rs.getLong("id"),
              Jdbc.instant(rs, "occurred_at"),
              aggregate.equals(rs.getString("payment_id")) ? null : aggregate,
              rs.getString("from_status"),
              rs.getString("to_status"),
              rs.getString("type"),
              rs.getString("reason"));
        },
        paymentId);
  }
}

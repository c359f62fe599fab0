package io.ecrhub.app.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.transaction.PaymentId;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Optional;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The cheap check the hub makes after a payment appears or succeeds, before it retries parked
 * notifications: is any parked notification about this payment's out_trade_no or syssn? Rows are
 * written and checked in one JTA transaction that is rolled back, so the periodic sweep never sees
 * them (it would apply them and make the check pass or fail for the wrong reason).
 */
@QuarkusTest
class ParkedProbeTest {
  @Inject DataSource dataSource;
  @Inject NotifyEventSink sink;

  @Test
  void findsParkedNotificationsByTradeRefOrSyssn_andNothingElse() throws SQLException {
    String run = Api.unique("");
    QuarkusTransaction.begin();
    try (Connection c = dataSource.getConnection()) { // this transaction's connection
      try {
        payment(c, "pay_a" + run, "EHa" + run, null);
        payment(c, "pay_b" + run, "EHb" + run, "SYb" + run);
        payment(c, "pay_c" + run, "EHc" + run, "SYc" + run);
        payment(c, "pay_d" + run, "EHd" + run, null);
        inbox(c, "ntf_a" + run, "PARKED", "EHa" + run, null);
        inbox(c, "ntf_b" + run, "PARKED", null, "SYb" + run);
        inbox(c, "ntf_c" + run, "APPLIED", "EHc" + run, "SYc" + run);
        inbox(c, "ntf_x" + run, "PARKED", "EHx" + run, "SYx" + run);

        assertThat(parked("pay_a" + run)).as("by out_trade_no").contains("EHa" + run);
        assertThat(parked("pay_b" + run)).as("by syssn").contains("EHb" + run);
        assertThat(parked("pay_c" + run)).as("already applied").isEmpty();
        assertThat(parked("pay_d" + run)).as("nothing about it").isEmpty();
        assertThat(parked("pay_none" + run)).as("no payment").isEmpty();
      } finally {
        QuarkusTransaction.rollback();
      }
    }
  }

  /** The out_trade_no of the payment if a parked notification refers to it. */
  private Optional<String> parked(String paymentId) {
    return sink.parkedFor(new PaymentId(paymentId)).map(ids -> ids.outTradeNo());
  }

  private static void payment(Connection c, String id, String outTradeNo, String syssn)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO payment (id, terminal_id, amount_minor, currency, channel, out_trade_no,"
                + " status, syssn, refunded_minor, created_at, updated_at, version)"
                + " VALUES (?, 'trm_probe', 100, 'HKD', 'WX', ?, 'IN_PROGRESS', ?, 0, ?, ?, 1)")) {
      Timestamp now = Timestamp.from(Instant.now());
      ps.setString(1, id);
      ps.setString(2, outTradeNo);
      ps.setString(3, syssn);
      ps.setTimestamp(4, now);
      ps.setTimestamp(5, now);
      ps.executeUpdate();
    }
  }

  private static void inbox(
      Connection c, String id, String status, String tradeRef, String syssnRef)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO notification_inbox (id, received_at, updated_at, status, trade_ref,"
                + " syssn_ref, headers, raw_body) VALUES (?, ?, ?, ?, ?, ?, '{}', ?)")) {
      Timestamp now = Timestamp.from(Instant.now());
      ps.setString(1, id);
      ps.setTimestamp(2, now);
      ps.setTimestamp(3, now);
      ps.setString(4, status);
      ps.setString(5, tradeRef);
      ps.setString(6, syssnRef);
      ps.setBytes(7, "{}".getBytes(StandardCharsets.UTF_8));
      ps.executeUpdate();
    }
  }
}

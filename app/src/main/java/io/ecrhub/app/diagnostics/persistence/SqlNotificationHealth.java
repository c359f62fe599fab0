package io.ecrhub.app.diagnostics.persistence;

import io.ecrhub.app.diagnostics.NotifyPublicUrlConfig;
import io.ecrhub.domain.diagnostics.NotificationFacts;
import io.ecrhub.domain.diagnostics.NotificationHealth;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Adapter: notification facts for diagnostics, read (never written) from the notification intake's
 * tables ({@code notification_inbox}, {@code notification_key}) and the payments.
 *
 * <ul>
 *   <li>a key is configured when {@code ecrhub.notify.keys} gives one or the admin API stored one;
 *   <li>the notification URL is {@code ecrhub.notify.public-url} (env {@code
 *       ECRHUB_NOTIFY_PUBLIC_URL}, the hub's public base URL) plus {@code /qfpay/notify};
 *   <li>the last verified notification is the newest one with a valid signature whose trade
 *       reference ({@code out_trade_no}, or {@code orig_out_trade_no} of a refund) or QFPay
 *       transaction ({@code syssn}, or {@code orig_syssn}) is one of this terminal's payments.
 * </ul>
 */
@ApplicationScoped
public class SqlNotificationHealth implements NotificationHealth {
  /** Inbox statuses of notifications whose signature was verified. */
  private static final String VERIFIED =
      "('VERIFIED', 'APPLIED', 'PARKED', 'REVIEW', 'DUPLICATE', 'IGNORED')";

  private static final String LAST_BY_TRADE_NO =
      "SELECT MAX(n.received_at) FROM notification_inbox n"
          + " JOIN payment p ON p.out_trade_no = n.trade_ref"
          + " WHERE p.terminal_id = ? AND n.status IN "
          + VERIFIED;

  private static final String LAST_BY_SYSSN =
      "SELECT MAX(n.received_at) FROM notification_inbox n"
          + " JOIN payment p ON p.syssn = n.syssn_ref"
          + " WHERE p.terminal_id = ? AND n.status IN "
          + VERIFIED;

  private static final String LAST_PAYMENT =
      "SELECT MAX(created_at) FROM payment WHERE terminal_id = ? AND status = 'SUCCEEDED'";

  private final DataSource dataSource;
  private final boolean configuredKeys;
  private final String notificationUrl;

  @Inject
  public SqlNotificationHealth(
      DataSource dataSource,
      @ConfigProperty(name = "ecrhub.notify.keys") Optional<List<String>> keys,
      NotifyPublicUrlConfig publicUrlConfig) {
    Optional<String> publicUrl = publicUrlConfig.publicUrl();
    this.dataSource = dataSource;
    this.configuredKeys = keys.map(k -> k.stream().anyMatch(s -> !s.isBlank())).orElse(false);
    this.notificationUrl =
        publicUrl
            .map(String::strip)
            .filter(u -> !u.isEmpty())
            .map(SqlNotificationHealth::notifyUrl)
            .orElse(null);
  }

  /** The URL QFPay should call, from the hub's public base URL (or the full URL as given). */
  static String notifyUrl(String publicUrl) {
    String base = publicUrl;
    while (base.endsWith("/")) {
      base = base.substring(0, base.length() - 1);
    }
    return base.endsWith(NotificationFacts.NOTIFY_PATH)
        ? base
        : base + NotificationFacts.NOTIFY_PATH;
  }

  @Override
  public Optional<NotificationFacts> forTerminal(TerminalId terminalId) {
    try (Connection c = dataSource.getConnection()) {
      boolean key = configuredKeys || storedKeys(c);
      Instant byTradeNo = newest(c, LAST_BY_TRADE_NO, terminalId);
      Instant bySyssn = newest(c, LAST_BY_SYSSN, terminalId);
      Instant verified =
          byTradeNo == null
              ? bySyssn
              : bySyssn == null || byTradeNo.isAfter(bySyssn) ? byTradeNo : bySyssn;
      return Optional.of(
          new NotificationFacts(
              key, notificationUrl, verified, newest(c, LAST_PAYMENT, terminalId)));
    } catch (SQLException e) {
      throw new IllegalStateException("could not read notification facts: " + e.getMessage(), e);
    }
  }

  private static boolean storedKeys(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM notification_key");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() && rs.getLong(1) > 0;
    }
  }

  private static Instant newest(Connection c, String sql, TerminalId terminalId)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, terminalId.value());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        OffsetDateTime at = rs.getObject(1, OffsetDateTime.class);
        return at == null ? null : at.toInstant();
      }
    }
  }
}

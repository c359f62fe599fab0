package io.ecrhub.app.notify.persistence;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.transaction.NotificationTrail;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import javax.sql.DataSource;

/**
 * Adapter: answers {@link NotificationTrail} from {@code notification_inbox}: a stored, signed
 * notification (any status but REJECTED) whose trade reference is the out_trade_no (a payment's
 * own, or a refund's orig_out_trade_no). One indexed look-up ({@code trade_ref}).
 */
@ApplicationScoped
public class SqlNotificationTrail implements NotificationTrail {
  private final Jdbc jdbc;

  @Inject
  public SqlNotificationTrail(DataSource dataSource) {
    this.jdbc = new Jdbc(dataSource);
  }

  @Override
  public boolean anyFor(OutTradeNo outTradeNo) {
    return !jdbc.query(
            "SELECT id FROM notification_inbox WHERE trade_ref = ? AND status <> 'REJECTED'"
                + " FETCH FIRST 1 ROWS ONLY",
            rs -> rs.getString(1),
            outTradeNo.value())
        .isEmpty();
  }
}

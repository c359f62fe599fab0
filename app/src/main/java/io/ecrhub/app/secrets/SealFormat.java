package io.ecrhub.app.secrets;

import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import javax.sql.DataSource;

/**
 * Records in {@code secret_format} (V44) that the one-time upgrade to row-bound seals finished for
 * this database; from then on old-format values are refused everywhere (ADR 0011).
 */
@ApplicationScoped
public class SealFormat {
  /** The format every stored secret has once the upgrade ran. */
  public static final String ROW_BOUND = "v2-row-bound";

  private final DataSource dataSource;
  private final Clock clock;

  @Inject
  public SealFormat(DataSource dataSource, Clock clock) {
    this.dataSource = dataSource;
    this.clock = clock;
  }

  /** Whether the upgrade to {@link #ROW_BOUND} finished. */
  public boolean upgraded() {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement ps =
                      c.prepareStatement("SELECT format FROM secret_format WHERE format = ?")) {
                ps.setString(1, ROW_BOUND);
                try (ResultSet rs = ps.executeQuery()) {
                  return rs.next();
                }
              } catch (SQLException e) {
                throw new IllegalStateException("cannot read secret_format", e);
              }
            });
  }

  /** Records that the upgrade finished (idempotent: several instances may race to do it). */
  public void markUpgraded() {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              try (Connection c = dataSource.getConnection();
                  PreparedStatement ps =
                      c.prepareStatement(
                          "INSERT INTO secret_format (format, completed_at)"
                              + " SELECT ?, ? WHERE NOT EXISTS"
                              + " (SELECT 1 FROM secret_format WHERE format = ?)")) {
                ps.setString(1, ROW_BOUND);
                ps.setObject(2, OffsetDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
                ps.setString(3, ROW_BOUND);
                ps.executeUpdate();
              } catch (SQLException e) {
                throw new IllegalStateException("cannot write secret_format", e);
              }
            });
  }
}

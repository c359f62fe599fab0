package io.ecrhub.app.persistence.jdbc;

import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Locale;
import java.util.Properties;
import java.util.logging.Logger;

/**
 * JDBC driver that hands each URL to the H2 or the PostgreSQL driver, so one packaged hub runs on
 * either database chosen at start-up ({@code quarkus.datasource.jdbc.url}). Quarkus fixes the
 * datasource driver at build time; this class is that fixed driver.
 */
public final class RoutingJdbcDriver implements Driver {
  private final Driver h2 = new org.h2.Driver();
  private final Driver postgres = new org.postgresql.Driver();

  private Driver target(String url) throws SQLException {
    if (url != null && url.startsWith("jdbc:h2:")) {
      return h2;
    }
    if (url != null && url.startsWith("jdbc:postgresql:")) {
      return postgres;
    }
    throw new SQLException(
        "unsupported database URL; use jdbc:h2:... or jdbc:postgresql://host:port/database");
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    return target(url).connect(durable(url), info);
  }

  /**
   * An H2 database URL that writes every commit through before answering. By default H2 keeps
   * commits in memory for up to 500 ms ({@code WRITE_DELAY}): a hub killed in that window loses a
   * payment it has already sent to the terminal (seen in CrashRecoveryIT). Operators' URLs get it
   * too unless they set {@code WRITE_DELAY} themselves; in-memory databases are left alone.
   */
  static String durable(String url) {
    if (url == null
        || !url.startsWith("jdbc:h2:")
        || url.startsWith("jdbc:h2:mem:")
        || url.toUpperCase(Locale.ROOT).contains("WRITE_DELAY")) {
      return url;
    }
    return url + (url.endsWith(";") ? "" : ";") + "WRITE_DELAY=0";
  }

  @Override
  public boolean acceptsURL(String url) {
    return url != null && (url.startsWith("jdbc:h2:") || url.startsWith("jdbc:postgresql:"));
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return target(url).getPropertyInfo(url, info);
  }

  @Override
  public int getMajorVersion() {
    return 1;
  }

  @Override
  public int getMinorVersion() {
    return 0;
  }

  @Override
  public boolean jdbcCompliant() {
    return false;
  }

  @Override
  public Logger getParentLogger() throws SQLFeatureNotSupportedException {
    throw new SQLFeatureNotSupportedException("no parent logger");
  }
}

package io.ecrhub.app.settlement;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A database of a test profile's own, so a whole-day statement sees only that test's transactions:
 * on the H2 run a private in-memory database, on the {@code pg} run a fresh PostgreSQL database
 * next to the session's ({@code ECRHUB_DB_URL}), dropped when the JVM ends.
 */
public final class FreshDatabase {
  private static final Pattern PG_URL = Pattern.compile("(jdbc:postgresql://[^/]+/)([^?]*)(.*)");

  private FreshDatabase() {}

  /** The datasource overrides for a database named after {@code name}. */
  public static Map<String, String> overrides(String name) {
    String url = url(name);
    return Map.of("ecrhub.db.url", url, "%test.ecrhub.db.url", url, "%pg.ecrhub.db.url", url);
  }

  private static synchronized String url(String name) {
    String key = "fresh-db." + name;
    String known = System.getProperty(key);
    if (known != null) {
      return known;
    }
    String url;
    if ("pg".equals(System.getProperty("quarkus.test.profile"))) {
      String session = setting("ECRHUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/ecrhub_app");
      Matcher m = PG_URL.matcher(session);
      if (!m.matches()) {
        throw new IllegalStateException("not a PostgreSQL URL: " + session);
      }
      String db = (m.group(2) + "_" + name).toLowerCase(java.util.Locale.ROOT);
      String user = setting("ECRHUB_DB_USER", "postgres");
      String password = setting("ECRHUB_DB_PASSWORD", "");
      execute(session, user, password, "CREATE DATABASE " + db);
      Runtime.getRuntime()
          .addShutdownHook(
              new Thread(
                  () -> {
                    try {
                      execute(
                          session,
                          user,
                          password,
                          "DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
                    } catch (RuntimeException e) {
                      System.err.println("[fresh db] could not drop " + db + ": " + e.getMessage());
                    }
                  }));
      url = m.group(1) + db + m.group(3);
    } else {
      url =
          "jdbc:h2:mem:ecrhub-"
              + name
              + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    }
    System.setProperty(key, url);
    return url;
  }

  /**
   * Through the driver itself: the class loader that reads a test profile does not see it through
   * {@link java.sql.DriverManager}.
   */
  private static void execute(String url, String user, String password, String sql) {
    Properties props = new Properties();
    props.setProperty("user", user);
    props.setProperty("password", password);
    try (Connection c = new org.postgresql.Driver().connect(url, props);
        Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(sql + ": " + e.getMessage(), e);
    }
  }

  private static String setting(String name, String fallback) {
    String v = System.getProperty(name);
    if (v == null) {
      v = System.getenv(name);
    }
    return v == null || v.isBlank() ? fallback : v;
  }
}

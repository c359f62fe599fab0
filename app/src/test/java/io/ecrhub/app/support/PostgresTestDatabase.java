package io.ecrhub.app.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.platform.launcher.LauncherSession;
import org.junit.platform.launcher.LauncherSessionListener;

/**
 * Gives the PostgreSQL test run ({@code -Dquarkus.test.profile=pg}) a fresh database of its own: it
 * is created on the server at {@code ECRHUB_TEST_PG_ADMIN_URL} (default {@code
 * jdbc:postgresql://127.0.0.1:5432/postgres}, user {@code postgres}) before the first test and
 * dropped after the last. An explicit {@code ECRHUB_DB_URL} wins (CI or a developer may point the
 * run at a database of their own). Does nothing for the H2 run.
 */
public final class PostgresTestDatabase implements LauncherSessionListener {
  private String created;
  private String adminUrl;
  private String adminUser;

  @Override
  public void launcherSessionOpened(LauncherSession session) {
    if (!"pg".equals(System.getProperty("quarkus.test.profile"))
        || setting("ECRHUB_DB_URL") != null) {
      return;
    }
    adminUrl =
        orDefault(setting("ECRHUB_TEST_PG_ADMIN_URL"), "jdbc:postgresql://127.0.0.1:5432/postgres");
    adminUser = orDefault(setting("ECRHUB_TEST_PG_ADMIN_USER"), "postgres");
    String name =
        "ecrhub_test_"
            + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMddHHmmss"))
            + "_"
            + Integer.toHexString(ThreadLocalRandom.current().nextInt(0x10000, 0xfffff));
    try (Connection c =
            DriverManager.getConnection(
                adminUrl, adminUser, setting("ECRHUB_TEST_PG_ADMIN_PASSWORD"));
        Statement s = c.createStatement()) {
      s.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "The PostgreSQL test run needs a PostgreSQL server at "
              + adminUrl
              + " (user "
              + adminUser
              + ") to create its database; start one, set ECRHUB_TEST_PG_ADMIN_URL, or skip this run"
              + " with -DskipPgTests: "
              + e.getMessage(),
          e);
    }
    created = name;
    String url = adminUrl.substring(0, adminUrl.lastIndexOf('/') + 1) + name;
    System.setProperty("ECRHUB_DB_URL", url);
    System.setProperty("ECRHUB_DB_USER", adminUser);
    System.out.println("[pg tests] using fresh database " + url);
  }

  @Override
  public void launcherSessionClosed(LauncherSession session) {
    if (created == null) {
      return;
    }
    try (Connection c =
            DriverManager.getConnection(
                adminUrl, adminUser, setting("ECRHUB_TEST_PG_ADMIN_PASSWORD"));
        Statement s = c.createStatement()) {
      // the session's database and those tests made next to it (named <session>_<name>)
      List<String> dbs = new ArrayList<>();
      try (ResultSet r =
          s.executeQuery(
              "select datname from pg_database where datname = '"
                  + created
                  + "' or datname like '"
                  + created
                  + "\\_%'")) {
        while (r.next()) {
          dbs.add(r.getString(1));
        }
      }
      for (String db : dbs) {
        s.execute("DROP DATABASE IF EXISTS " + db + " WITH (FORCE)");
      }
    } catch (SQLException e) {
      System.err.println("[pg tests] could not drop " + created + ": " + e.getMessage());
    }
  }

  private static String setting(String name) {
    String v = System.getProperty(name);
    return v != null ? v : System.getenv(name);
  }

  private static String orDefault(String v, String d) {
    return v == null || v.isBlank() ? d : v;
  }
}

package io.ecrhub.app.notify;

import io.ecrhub.app.support.TcpProxy;
import io.quarkus.test.junit.QuarkusTestProfile;
import java.sql.SQLException;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.h2.tools.Server;

/**
 * The hub's database reached through a {@link TcpProxy} that a test can cut and restore. On the
 * {@code pg} run the proxy fronts the session's fresh PostgreSQL database ({@code ECRHUB_DB_URL},
 * published by {@link io.ecrhub.app.support.PostgresTestDatabase}); on the H2 run it fronts an H2
 * TCP server in this JVM serving a private in-memory database. The pool is set up to notice a dead
 * database quickly (short acquisition and login timeouts, validation on borrow), so a request
 * during the outage fails within itself and the pool recovers once the database is back.
 *
 * <p>Quarkus may load this class in more than one class loader (the one that reads the profile and
 * the one that runs the test), so the one proxy of the JVM is found through system properties (its
 * database URL and its control port) and driven over its control port.
 */
public class DatabaseBehindProxyProfile implements QuarkusTestProfile {
  private static final Pattern PG_URL =
      Pattern.compile("jdbc:postgresql://([^/:?]+)(?::(\\d+))?/(.*)");
  private static final String URL_KEY = "notify-outage-test.proxied-db.url";
  private static final String CONTROL_KEY = "notify-outage-test.proxied-db.control-port";

  /** Cuts the database off: open connections closed, new ones refused. */
  static void cut() {
    start();
    TcpProxy.command(Integer.parseInt(System.getProperty(CONTROL_KEY)), "cut");
  }

  /** Lets the database be reached again. */
  static void restore() {
    start();
    TcpProxy.command(Integer.parseInt(System.getProperty(CONTROL_KEY)), "restore");
  }

  @Override
  public Map<String, String> getConfigOverrides() {
    String url = start();
    return Map.ofEntries(
        Map.entry("quarkus.datasource.jdbc.url", url),
        Map.entry("ecrhub.db.url", url),
        Map.entry("%test.ecrhub.db.url", url),
        Map.entry("%pg.ecrhub.db.url", url),
        Map.entry("quarkus.datasource.jdbc.acquisition-timeout", "3s"),
        Map.entry("quarkus.datasource.jdbc.login-timeout", "2s"),
        Map.entry("quarkus.datasource.jdbc.validate-on-borrow", "true"),
        Map.entry("quarkus.datasource.jdbc.validation-query-timeout", "2s"),
        Map.entry("quarkus.datasource.jdbc.background-validation-interval", "1s"));
  }

  private static String start() {
    synchronized (System.getProperties()) {
      String url = System.getProperty(URL_KEY);
      if (url == null) {
        url = startProxy();
      }
      return url;
    }
  }

  private static String startProxy() {
    TcpProxy proxy;
    String url;
    if ("pg".equals(System.getProperty("quarkus.test.profile"))) {
      String pg = setting("ECRHUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/ecrhub_app");
      Matcher m = PG_URL.matcher(pg);
      if (!m.matches()) {
        throw new IllegalStateException("not a PostgreSQL URL this test can proxy: " + pg);
      }
      int pgPort = m.group(2) == null ? 5432 : Integer.parseInt(m.group(2));
      proxy = TcpProxy.to(m.group(1), pgPort);
      // short socket timeouts too, so nothing waits on a connection the proxy dropped
      String sep = m.group(3).contains("?") ? "&" : "?";
      url =
          "jdbc:postgresql://127.0.0.1:"
              + proxy.port()
              + "/"
              + m.group(3)
              + sep
              + "connectTimeout=2&socketTimeout=10";
    } else {
      Server h2;
      try {
        h2 = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
      } catch (SQLException e) {
        throw new IllegalStateException("cannot start an H2 TCP server", e);
      }
      proxy = TcpProxy.to("127.0.0.1", h2.getPort());
      url =
          "jdbc:h2:tcp://127.0.0.1:"
              + proxy.port()
              + "/mem:ecrhub-outage;DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE"
              + ";DEFAULT_NULL_ORDERING=HIGH";
    }
    System.setProperty(CONTROL_KEY, Integer.toString(proxy.openControlPort()));
    System.setProperty(URL_KEY, url);
    return url;
  }

  private static String setting(String name, String fallback) {
    String v = System.getProperty(name);
    if (v == null || v.isBlank()) {
      v = System.getenv(name);
    }
    return v == null || v.isBlank() ? fallback : v;
  }
}

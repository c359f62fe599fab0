package io.ecrhub.app.support;

import io.ecrhub.app.persistence.jdbc.RoutingJdbcDriver;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.Driver;
import java.sql.DriverPropertyInfo;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import java.util.logging.Logger;

/**
 * The hub's JDBC driver ({@link RoutingJdbcDriver}) with every executed SQL statement counted while
 * {@link #record} runs, with the thread that ran it: a test profile makes it the datasource's
 * driver ({@code quarkus.datasource.jdbc.driver}) to count the statements of one request, whatever
 * runs them (Hibernate or plain JDBC).
 */
public final class CountingJdbcDriver implements Driver {
  /** One executed statement: its SQL and the thread that ran it. */
  public record Executed(String thread, String sql) {}

  private static final List<Executed> RECORDED = new ArrayList<>();
  private static volatile boolean recording;

  private final Driver target = new RoutingJdbcDriver();

  /**
   * Runs {@code action} and returns the statements executed meanwhile, except those of the hub's
   * background threads (event streams, lease heartbeat, notification and webhook workers).
   */
  public static <T> List<Executed> record(Supplier<T> action) {
    synchronized (RECORDED) {
      RECORDED.clear();
    }
    recording = true;
    try {
      action.get();
    } finally {
      recording = false;
    }
    synchronized (RECORDED) {
      return RECORDED.stream()
          .filter(
              e ->
                  !e.thread().startsWith("ecrhub-")
                      && !e.thread().startsWith("notif")
                      && !e.thread().startsWith("webhook-")
                      && !e.thread().startsWith("diagnostics-"))
          .toList();
    }
  }

  private static void executed(String sql) {
    if (recording) {
      synchronized (RECORDED) {
        RECORDED.add(new Executed(Thread.currentThread().getName(), sql));
      }
    }
  }

  @Override
  public Connection connect(String url, Properties info) throws SQLException {
    Connection c = target.connect(url, info);
    return c == null ? null : proxy(Connection.class, c, new ConnectionHandler(c));
  }

  private static <T> T proxy(Class<T> type, Object target, InvocationHandler handler) {
    return type.cast(
        Proxy.newProxyInstance(
            CountingJdbcDriver.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  private static Object invoke(Object target, Method m, Object[] args) throws Throwable {
    try {
      return m.invoke(target, args);
    } catch (InvocationTargetException e) {
      throw e.getCause();
    }
  }

  private record ConnectionHandler(Connection target) implements InvocationHandler {
    @Override
    public Object invoke(Object p, Method m, Object[] args) throws Throwable {
      Object result = CountingJdbcDriver.invoke(target, m, args);
      String name = m.getName();
      if (result instanceof CallableStatement s && name.equals("prepareCall")) {
        return proxy(CallableStatement.class, s, new StatementHandler(s, (String) args[0]));
      }
      if (result instanceof PreparedStatement s && name.equals("prepareStatement")) {
        return proxy(PreparedStatement.class, s, new StatementHandler(s, (String) args[0]));
      }
      if (result instanceof Statement s && name.equals("createStatement")) {
        return proxy(Statement.class, s, new StatementHandler(s, null));
      }
      return result;
    }
  }

  private record StatementHandler(Statement target, String sql) implements InvocationHandler {
    @Override
    public Object invoke(Object p, Method m, Object[] args) throws Throwable {
      if (m.getName().startsWith("execute")) {
        executed(args != null && args.length > 0 && args[0] instanceof String s ? s : sql);
      }
      return CountingJdbcDriver.invoke(target, m, args);
    }
  }

  @Override
  public boolean acceptsURL(String url) throws SQLException {
    return target.acceptsURL(url);
  }

  @Override
  public DriverPropertyInfo[] getPropertyInfo(String url, Properties info) throws SQLException {
    return target.getPropertyInfo(url, info);
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

package io.ecrhub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * The election never keeps a pooled connection it does not lead with: when the lock query fails (a
 * connection the database has cut off), the connection goes back to the pool. A leaked connection
 * per failed election would drain the pool one scheduled run at a time.
 */
class ClusterRunnerConnectionTest {

  @Test
  void aFailedLockQueryGivesItsConnectionBack() {
    AtomicInteger open = new AtomicInteger();
    ClusterRunner runner = new ClusterRunner(postgresWhoseQueriesFail(open));

    for (int i = 0; i < 5; i++) {
      assertThat(runner.leads()).as("no lock, no lead").isFalse();
    }

    assertThat(open).as("connections taken and not given back").hasValue(0);
  }

  /** A PostgreSQL data source whose connections answer metadata but fail every statement. */
  private static DataSource postgresWhoseQueriesFail(AtomicInteger open) {
    DatabaseMetaData meta =
        (DatabaseMetaData)
            Proxy.newProxyInstance(
                ClusterRunnerConnectionTest.class.getClassLoader(),
                new Class<?>[] {DatabaseMetaData.class},
                (p, m, a) -> {
                  if (m.getName().equals("getDatabaseProductName")) {
                    return "PostgreSQL";
                  }
                  throw new UnsupportedOperationException(m.getName());
                });
    return (DataSource)
        Proxy.newProxyInstance(
            ClusterRunnerConnectionTest.class.getClassLoader(),
            new Class<?>[] {DataSource.class},
            (p, m, a) -> {
              switch (m.getName()) {
                case "getConnection":
                  open.incrementAndGet();
                  return connection(meta, open);
                case "getLogWriter":
                  return new PrintWriter(System.out);
                case "getParentLogger":
                  return Logger.getGlobal();
                default:
                  throw new UnsupportedOperationException(m.getName());
              }
            });
  }

  private static Connection connection(DatabaseMetaData meta, AtomicInteger open) {
    boolean[] closed = {false};
    return (Connection)
        Proxy.newProxyInstance(
            ClusterRunnerConnectionTest.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            (p, m, a) -> {
              switch (m.getName()) {
                case "getMetaData":
                  return meta;
                case "close":
                  if (!closed[0]) {
                    closed[0] = true;
                    open.decrementAndGet();
                  }
                  return null;
                case "isClosed":
                  return closed[0];
                case "prepareStatement":
                  throw new SQLException(
                      "terminating connection due to administrator command", "57P01");
                default:
                  throw new UnsupportedOperationException(m.getName());
              }
            });
  }
}

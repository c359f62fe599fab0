package io.ecrhub.app.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One runner for the cluster-wide jobs (ADR 0019), run on H2 and on PostgreSQL like every app test:
 * on H2 the single instance runs them; on PostgreSQL exactly one of several contenders (each a
 * {@link ClusterRunner} on the same database, as other instances would be) runs them, and another
 * takes over as soon as the runner's session ends.
 */
@QuarkusTest
class ClusterRunnerTest {
  @Inject DataSource dataSource;
  @Inject ClusterRunner instance;

  private ClusterRunner a;
  private ClusterRunner b;

  @AfterEach
  void resign() {
    Stream.of(a, b).filter(r -> r != null).forEach(ClusterRunner::resign);
    instance.resign();
  }

  private boolean postgres() throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }
  }

  /** How many of the contenders run the jobs (this instance's scheduled jobs contend too). */
  private long runners() {
    return Stream.of(instance, a, b).filter(ClusterRunner::leads).count();
  }

  @Test
  void exactlyOneInstanceRuns_andAnotherTakesOverWhenItsSessionEnds() throws Exception {
    a = new ClusterRunner(dataSource);
    b = new ClusterRunner(dataSource);

    if (!postgres()) {
      assertThat(a.leads()).isTrue();
      assertThat(b.leads()).as("H2: the single instance runs them").isTrue();
      return;
    }
    assertThat(runners()).isEqualTo(1);
    assertThat(runners()).as("the runner keeps leading, nobody else").isEqualTo(1);
    ClusterRunner first = Stream.of(instance, a, b).filter(ClusterRunner::leads).findFirst().get();

    // the runner's session ends without a word (a crashed instance): its lock goes with it
    terminateSessionsHoldingTheLock();
    List<ClusterRunner> others = Stream.of(instance, a, b).filter(r -> r != first).toList();
    assertThat(others.stream().filter(ClusterRunner::leads).count())
        .as("another one took over")
        .isEqualTo(1);

    assertThat(first.leads()).as("the old runner knows it lost").isFalse();
    Stream.of(instance, a, b).forEach(ClusterRunner::resign);
    assertThat(runners()).as("a resigned runner's lock is free at once").isEqualTo(1);
  }

  /**
   * A stopping instance never leads again: a scheduled job still running during shutdown used to
   * take the lock again after the instance had resigned, on a connection the stopped pool left
   * open, so no later instance on that database could run the cluster-wide jobs
   * (MmsScheduledPullTest failed on PostgreSQL that way, after another test's hub had stopped).
   */
  @Test
  void aStoppedInstanceNeverTakesTheLockAgain_andLeavesItFree() {
    a = new ClusterRunner(dataSource);
    b = new ClusterRunner(dataSource);
    instance.resign();

    assertThat(a.leads()).isTrue();
    a.stop();

    assertThat(a.leads()).as("a job running after the stop").isFalse();
    assertThat(b.leads()).as("the lock is free for the other instances").isTrue();
  }

  /**
   * Ends the sessions holding the lock, then waits (at most 30 s) until they are gone:
   * pg_terminate_backend only signals the backend, which releases its locks as it exits.
   */
  private void terminateSessionsHoldingTheLock() throws SQLException {
    String holders =
        " from pg_locks where locktype = 'advisory'"
            + " and ((classid::bigint << 32) | objid::bigint) = "
            + ClusterRunner.LOCK_KEY
            + " and granted and database = (select oid from pg_database"
            + " where datname = current_database())";
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      s.execute("select pg_terminate_backend(pid)" + holders);
      await()
          .atMost(Duration.ofSeconds(30))
          .pollInterval(Duration.ofMillis(50))
          .until(
              () -> {
                try (ResultSet r = s.executeQuery("select count(*)" + holders)) {
                  r.next();
                  return r.getLong(1) == 0;
                }
              });
    }
  }
}

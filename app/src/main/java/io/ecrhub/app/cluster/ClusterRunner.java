package io.ecrhub.app.cluster;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * Elects the one hub instance that runs the cluster-wide jobs (MMS pull, the gauges that count
 * rows, purges; ADR 0019). On PostgreSQL the runner is the instance that holds a session-level
 * advisory lock on a connection of its own: the others try again on each run, and the lock frees
 * the moment the runner's session ends (stopped, crashed, or cut off), so another instance takes
 * over at its next run. On any other database (H2: a single instance by construction) every
 * instance is the runner.
 *
 * <p>The runner keeps one pooled connection for as long as it leads. Once the instance stops it
 * never leads again: a scheduled job still running while the instance shuts down would otherwise
 * take the lock again after {@link #resign()}, on a connection the stopping pool may leave open,
 * and keep every other instance from running the jobs for as long as that session lives. A
 * singleton, not behind a client proxy: the scheduler's threads outlive the container's contexts by
 * a few milliseconds, and a job calling an application-scoped runner through its proxy after the
 * context was destroyed got a new, never-stopped instance that took the lock (tested by {@code
 * ClusterRunnerShutdownTest}); the jobs hold this very instance, stopped.
 */
@Singleton
public class ClusterRunner {
  /** The advisory lock key: "ECRH" "JOBS" as two ASCII words. */
  static final long LOCK_KEY = 0x4543_5248_4A4F_4253L;

  private static final Logger LOG = Logger.getLogger(ClusterRunner.class);

  private final DataSource dataSource;
  private Connection held;
  private Boolean postgres;
  private boolean stopped;

  @Inject
  public ClusterRunner(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * Whether this instance runs the cluster-wide jobs now: true on a database without advisory
   * locks, else when it holds (or has just taken) the runner's lock. False when the database cannot
   * be reached (nothing would run anyway), and once this instance is stopping.
   */
  public synchronized boolean leads() {
    if (stopped) {
      return false;
    }
    try {
      if (held != null) {
        if (held.isValid(2)) {
          return true;
        }
        LOG.warn("lost the connection that held the cluster job lock; electing again");
        closeHeld();
      }
      if (postgres == null) {
        try (Connection c = dataSource.getConnection()) {
          postgres = "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
        }
      }
      if (!postgres) {
        return true;
      }
      Connection c = dataSource.getConnection();
      boolean taken = false;
      try (PreparedStatement s = c.prepareStatement("select pg_try_advisory_lock(?)")) {
        if (!c.getAutoCommit()) {
          c.setAutoCommit(true);
        }
        s.setLong(1, LOCK_KEY);
        try (ResultSet r = s.executeQuery()) {
          taken = r.next() && r.getBoolean(1);
        }
      } finally {
        if (!taken) {
          c.close(); // back to the pool, also when the query failed (never leak a pooled
          // connection)
        }
      }
      if (taken) {
        held = c;
        LOG.info("this instance now runs the cluster-wide jobs");
      }
      return taken;
    } catch (SQLException | RuntimeException e) {
      LOG.warnf("could not elect the cluster job runner: %s", e.toString());
      return false;
    }
  }

  /** Gives up the runner's lock (another instance takes over at its next run). */
  public synchronized void resign() {
    if (held == null) {
      return;
    }
    try (PreparedStatement s = held.prepareStatement("select pg_advisory_unlock(?)")) {
      s.setLong(1, LOCK_KEY);
      s.execute();
    } catch (SQLException e) {
      LOG.debugf("could not unlock the cluster job lock (the session end frees it): %s", e);
    }
    closeHeld();
  }

  /** The instance is stopping: gives up the lock and never takes it again. */
  synchronized void stop() {
    stopped = true;
    resign();
  }

  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  @PreDestroy
  void destroyed() {
    stop();
  }

  private void closeHeld() {
    try {
      held.close();
    } catch (SQLException e) {
      LOG.debugf("closing the cluster job connection: %s", e);
    }
    held = null;
  }
}

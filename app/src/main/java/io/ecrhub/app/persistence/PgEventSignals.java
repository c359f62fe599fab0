package io.ecrhub.app.persistence;

import io.ecrhub.app.events.EventLogSignals;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.UUID;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Adapter: PostgreSQL {@code LISTEN/NOTIFY} for the event log (ADR 0025). Every transaction that
 * writes events sends {@code NOTIFY} on {@link #CHANNEL} with this process's {@link #token()}
 * (queued by {@link PanacheTransactionEventLog}, delivered by the commit); this listener holds one
 * pooled connection of its own, listening on a daemon thread, and signals on notifications from
 * other processes (its own events reach the streams from memory). It reconnects after a failure,
 * with a back-off, and signals once after each (re)start. While it listens, its session's {@code
 * application_name} is {@link #applicationName()}, so an operator (or a test) finds it in {@code
 * pg_stat_activity}; the name is reset when the connection goes back to the pool. On H2 it does
 * nothing.
 */
@ApplicationScoped
public class PgEventSignals implements EventLogSignals {
  /** The notification channel. */
  static final String CHANNEL = "ecrhub_events";

  private static final Logger LOG = Logger.getLogger(PgEventSignals.class);
  private static final int WAIT_MS = 500;
  private static final Duration VALIDATE = Duration.ofSeconds(10);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);

  private final DataSource dataSource;
  private final String token = UUID.randomUUID().toString();
  private volatile boolean running;
  private volatile boolean live;
  private Thread thread;

  @Inject
  public PgEventSignals(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** This process's notification payload: its own notifications are ignored. */
  String token() {
    return token;
  }

  /**
   * The listening session's {@code application_name} in {@code pg_stat_activity}: one per process
   * (the token is no secret, every listener receives it), at most 63 characters.
   */
  String applicationName() {
    return "ecrhub-event-listener " + token;
  }

  @Override
  public synchronized void start(Runnable onOtherCommit) {
    if (running) {
      return;
    }
    running = true;
    thread =
        Thread.ofPlatform()
            .name("ecrhub-event-listener")
            .daemon(true)
            .start(() -> listen(onOtherCommit));
  }

  @Override
  public boolean live() {
    return live;
  }

  /**
   * Shutdown, after the graceful drain (ADR 0024; streams are served while draining): the listener
   * lets go of its connection before the pool closes.
   */
  void onStop(@Observes ShutdownEvent event) {
    stop();
  }

  @Override
  @PreDestroy
  public void stop() {
    Thread t;
    synchronized (this) {
      running = false;
      t = thread;
      thread = null;
    }
    if (t != null) {
      try {
        t.join(WAIT_MS * 4L);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private void listen(Runnable onOtherCommit) {
    long backoff = 250;
    while (running) {
      try (Connection c = dataSource.getConnection()) {
        if (!"PostgreSQL".equals(c.getMetaData().getDatabaseProductName())) {
          LOG.debug("no LISTEN/NOTIFY on this database: event streams poll the log");
          return;
        }
        try {
          if (!c.getAutoCommit()) {
            c.setAutoCommit(true);
          }
          try (Statement s = c.createStatement()) {
            s.execute("SET application_name = '" + applicationName() + "'");
            s.execute("LISTEN " + CHANNEL);
          }
          PGConnection pg = c.unwrap(PGConnection.class);
          live = true;
          backoff = 250;
          LOG.debug("listening for other instances' events");
          onOtherCommit.run(); // whatever committed while not listening
          receive(c, pg, onOtherCommit);
        } finally {
          live = false;
          unlisten(c);
        }
      } catch (SQLException | RuntimeException e) {
        if (!running) {
          return;
        }
        LOG.warnf(
            "event listener lost its connection (%s); streams poll the log until it is back",
            e.toString());
        sleep(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF.toMillis());
      }
    }
  }

  private void receive(Connection c, PGConnection pg, Runnable onOtherCommit) throws SQLException {
    long validated = System.nanoTime();
    while (running) {
      PGNotification[] got = pg.getNotifications(WAIT_MS);
      boolean other = false;
      if (got != null) {
        for (PGNotification n : got) {
          other |= !token.equals(n.getParameter());
        }
      }
      if (other) {
        onOtherCommit.run();
      }
      if (System.nanoTime() - validated > VALIDATE.toNanos()) {
        // a half-open connection would otherwise just stay quiet
        if (!c.isValid(5)) {
          throw new SQLException("listener connection no longer valid");
        }
        validated = System.nanoTime();
      }
    }
  }

  /**
   * A pooled connection goes back without listening and under its own name (the pool may still hand
   * it out).
   */
  private static void unlisten(Connection c) {
    try (Statement s = c.createStatement()) {
      s.execute("UNLISTEN *");
      s.execute("RESET application_name");
    } catch (SQLException | RuntimeException e) {
      LOG.debugf("could not unlisten (the connection is gone): %s", e.toString());
    }
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

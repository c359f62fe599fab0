package io.ecrhub.app.persistence;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.persistence.Repositories.TransactionEventRepository;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SseClient;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * The event listener ({@link PgEventSignals}, ADR 0025) survives the loss of its database session:
 * on PostgreSQL the test ends the listening backend (as a database restart, a failover or an
 * idle-session killer would), the listener reconnects on a new backend, and another instance's
 * commit still reaches a stream here through {@code LISTEN/NOTIFY}. The fallback poll is set to ten
 * minutes, so while the listener is live nothing but its signal can bring the event within the
 * stream's 30 s. On H2 (no {@code LISTEN/NOTIFY}) the listener stays off and the same long setting
 * does not hold the stream back: without signals it polls the log every second. Run on H2 and on
 * PostgreSQL like every app test.
 */
@QuarkusTest
@TestProfile(EventListenerReconnectTest.LongFallbackPoll.class)
class EventListenerReconnectTest {
  private static final Logger LOG = Logger.getLogger(EventListenerReconnectTest.class);
  private static final Duration WAIT = Duration.ofSeconds(30);

  /** A fallback poll far beyond the test's waits: only a signal can deliver in time. */
  public static class LongFallbackPoll implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ecrhub.events.fallback-poll", "10m");
    }
  }

  @TestHTTPResource("/")
  URI base;

  @Inject DataSource dataSource;
  @Inject TransactionEventRepository repo;
  @Inject PgEventSignals listener;

  @Test
  void listenerSessionKilled_reconnects_andAnotherInstancesCommitReachesAStreamHere()
      throws Exception {
    String terminal = Api.createTerminal(Api.unique("x"));
    PanacheTransactionEventLog otherInstance =
        new PanacheTransactionEventLog(repo, dataSource, new PgEventSignals(dataSource));
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/terminals/" + terminal + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      if (!postgres()) {
        assertThat(listener.live()).as("no LISTEN on H2").isFalse();
        commitAndExpectOnStream(otherInstance, terminal, stream, "H2, polled every second");
        assertThat(listener.live()).isFalse();
        return;
      }
      // the first stream started the listener
      int first = awaitListenerOnANewSession(-1);

      try (Connection c = dataSource.getConnection();
          PreparedStatement s = c.prepareStatement("select pg_terminate_backend(?)")) {
        s.setInt(1, first);
        try (ResultSet r = s.executeQuery()) {
          assertThat(r.next() && r.getBoolean(1)).as("listener's backend terminated").isTrue();
        }
      }
      int second = awaitListenerOnANewSession(first);
      LOG.infof("event listener reconnected: backend %d ended, now listening on %d", first, second);

      commitAndExpectOnStream(otherInstance, terminal, stream, "PostgreSQL, LISTEN/NOTIFY");
      assertThat(listenerSessions())
          .as("still the reconnected session, no further reconnect in between")
          .extracting(ListenerSession::pid)
          .containsExactly(second);
      assertThat(listener.live()).isTrue();
    }
  }

  /**
   * Waits until the listener is live on exactly one session other than {@code previous} (-1: any)
   * whose last statement was the {@code LISTEN}; its pid.
   */
  private int awaitListenerOnANewSession(int previous) {
    List<ListenerSession> found = new ArrayList<>();
    await()
        .atMost(WAIT)
        .pollInterval(Duration.ofMillis(50))
        .until(
            () -> {
              found.clear();
              found.addAll(listenerSessions());
              return found.size() == 1
                  && found.get(0).pid() != previous
                  && found.get(0).query().startsWith("LISTEN " + PgEventSignals.CHANNEL)
                  && listener.live();
            });
    return found.get(0).pid();
  }

  /** Another instance commits a payment's two events: both reach the stream here. */
  private void commitAndExpectOnStream(
      PanacheTransactionEventLog otherInstance, String terminal, SseClient stream, String how)
      throws InterruptedException {
    String paymentId = "pay_" + Api.unique("");
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                otherInstance.appendAll(EventLogAcrossInstancesTest.settled(paymentId, terminal)));
    long committed = System.nanoTime();
    SseClient.Event pending = stream.next(); // within 30 s, or fails
    long seen = System.nanoTime();
    SseClient.Event succeeded = stream.next();
    assertThat(List.of(pending.name(), succeeded.name()))
        .containsExactly("payment.pending", "payment.succeeded");
    assertThat(succeeded.data()).contains(paymentId);
    LOG.infof(
        "another instance's event reached the stream %.1f ms after its commit (%s)",
        (seen - committed) / 1e6, how);
  }

  private record ListenerSession(int pid, String query) {}

  /** This process's listener sessions, as PostgreSQL sees them. */
  private List<ListenerSession> listenerSessions() throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "select pid, query from pg_stat_activity"
                    + " where application_name = ? and datname = current_database()")) {
      s.setString(1, listener.applicationName());
      List<ListenerSession> sessions = new ArrayList<>();
      try (ResultSet r = s.executeQuery()) {
        while (r.next()) {
          sessions.add(new ListenerSession(r.getInt(1), r.getString(2)));
        }
      }
      return sessions;
    }
  }

  private boolean postgres() throws SQLException {
    return EventLogAcrossInstancesTest.postgres(dataSource);
  }
}

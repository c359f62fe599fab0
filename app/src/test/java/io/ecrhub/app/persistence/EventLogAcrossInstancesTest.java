package io.ecrhub.app.persistence;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.persistence.Repositories.TransactionEventRepository;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SseClient;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;
import org.junit.jupiter.api.Test;

/**
 * Events written by another hub instance on the same database (here a second event log with its own
 * notification token, as another process has) reach this instance's streams (ADR 0025); on
 * PostgreSQL its commit is signalled by {@code NOTIFY} to every other listener. Run on H2 and on
 * PostgreSQL like every app test.
 */
@QuarkusTest
class EventLogAcrossInstancesTest {
  private static final Logger LOG = Logger.getLogger(EventLogAcrossInstancesTest.class);

  @TestHTTPResource("/")
  URI base;

  @Inject DataSource dataSource;
  @Inject TransactionEventRepository repo;

  @Test
  void anotherInstancesPayment_appearsOnAStreamHere() throws Exception {
    String terminal = Api.createTerminal(Api.unique("x"));
    PanacheTransactionEventLog otherInstance =
        new PanacheTransactionEventLog(repo, dataSource, new PgEventSignals(dataSource));
    String paymentId = "pay_" + Api.unique("");
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/terminals/" + terminal + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      QuarkusTransaction.requiringNew()
          .run(() -> otherInstance.appendAll(settled(paymentId, terminal)));
      long committed = System.nanoTime();

      SseClient.Event pending = stream.next();
      long seen = System.nanoTime();
      SseClient.Event succeeded = stream.next();
      assertThat(List.of(pending.name(), succeeded.name()))
          .containsExactly("payment.pending", "payment.succeeded");
      assertThat(succeeded.data()).contains(paymentId);
      assertThat(Long.parseLong(succeeded.id())).isGreaterThan(Long.parseLong(pending.id()));
      LOG.infof(
          "another instance's event reached the stream %.1f ms after its commit (%s)",
          (seen - committed) / 1e6, postgres() ? "PostgreSQL, LISTEN/NOTIFY" : "H2, polled");
    }
  }

  /**
   * On PostgreSQL the listener signals a commit of another instance's events; on H2 (one instance,
   * no LISTEN/NOTIFY) it never goes live and never signals, so streams poll the log.
   */
  @Test
  void listener_signalsAnotherInstancesCommit() throws Exception {
    if (!postgres()) {
      PgEventSignals here = new PgEventSignals(dataSource);
      Semaphore signalled = new Semaphore(0);
      here.start(signalled::release);
      try {
        assertThat(signalled.tryAcquire(2, TimeUnit.SECONDS)).as("no signal on H2").isFalse();
        assertThat(here.live()).isFalse();
      } finally {
        here.stop();
      }
      return;
    }
    String terminal = Api.createTerminal(Api.unique("x"));
    PanacheTransactionEventLog otherInstance =
        new PanacheTransactionEventLog(repo, dataSource, new PgEventSignals(dataSource));
    PgEventSignals here = new PgEventSignals(dataSource);
    Semaphore signalled = new Semaphore(0);
    here.start(signalled::release);
    try {
      assertThat(signalled.tryAcquire(60, TimeUnit.SECONDS))
          .as("signals once when it starts listening")
          .isTrue();
      assertThat(here.live()).isTrue();
      QuarkusTransaction.requiringNew()
          .run(() -> otherInstance.appendAll(settled("pay_" + Api.unique(""), terminal)));
      assertThat(signalled.tryAcquire(60, TimeUnit.SECONDS))
          .as("signalled by the other instance's commit")
          .isTrue();
    } finally {
      here.stop();
    }
  }

  /** A payment's pending and succeeded events, as another instance would commit them. */
  static List<TransactionEvent> settled(String paymentId, String terminal) {
    Instant now = Instant.now();
    TerminalId t = TerminalId.of(terminal);
    return List.of(
        new TransactionEvent(
            "payment.pending", paymentId, paymentId, t, null, TransactionStatus.PENDING, null, now),
        new TransactionEvent(
            "payment.succeeded",
            paymentId,
            paymentId,
            t,
            TransactionStatus.PENDING,
            TransactionStatus.SUCCEEDED,
            "test",
            now));
  }

  private boolean postgres() throws SQLException {
    return postgres(dataSource);
  }

  static boolean postgres(DataSource dataSource) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      return "PostgreSQL".equals(c.getMetaData().getDatabaseProductName());
    }
  }
}

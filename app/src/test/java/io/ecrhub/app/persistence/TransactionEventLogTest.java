package io.ecrhub.app.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.events.StoredEvent;
import io.ecrhub.app.events.TransactionEventLog;
import io.ecrhub.app.support.Api;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The event log's one insert (on PostgreSQL joined with the commit-order lock and the NOTIFY):
 * several events of one transaction get ascending ids in the order they were given, the stored rows
 * say what the events said, and values at the columns' limits fit.
 */
@QuarkusTest
class TransactionEventLogTest {
  @Inject TransactionEventLog log;

  @Test
  void eventsOfOneTransaction_getAscendingIdsInTheirOrder_andAreStoredAsGiven() {
    String payment = "pay_" + Api.unique("o");
    TerminalId terminal = TerminalId.of(Api.unique("trm"));
    Instant at = Instant.parse("2026-12-07T12:00:00.123456Z");
    List<TransactionEvent> events = new ArrayList<>();
    TransactionStatus[] path = {
      null,
      TransactionStatus.PENDING,
      TransactionStatus.IN_PROGRESS,
      TransactionStatus.UNKNOWN,
      TransactionStatus.SUCCEEDED
    };
    for (int i = 1; i < path.length; i++) {
      events.add(
          new TransactionEvent(
              "payment." + path[i].name().toLowerCase(java.util.Locale.ROOT),
              payment,
              payment,
              terminal,
              path[i - 1],
              path[i],
              i == 3 ? "r".repeat(2000) : "step " + i,
              at.plusSeconds(i)));
    }
    long[] ids = QuarkusTransaction.requiringNew().call(() -> log.appendAll(events));

    assertThat(ids).hasSize(4);
    for (int i = 1; i < ids.length; i++) {
      assertThat(ids[i]).as("id %d after id %d", i, i - 1).isGreaterThan(ids[i - 1]);
    }
    List<StoredEvent> stored = log.forPayment(new PaymentId(payment), 0, 10);
    assertThat(stored).extracting(StoredEvent::id).containsExactly(ids[0], ids[1], ids[2], ids[3]);
    assertThat(stored).extracting(StoredEvent::event).containsExactlyElementsOf(events);
  }
}

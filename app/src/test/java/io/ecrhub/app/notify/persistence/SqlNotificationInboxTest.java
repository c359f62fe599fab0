package io.ecrhub.app.notify.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.NotificationInboxContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The domain's inbox contract against the SQL adapter (H2, or PostgreSQL with the pg profile). */
@QuarkusTest
class SqlNotificationInboxTest extends NotificationInboxContract {
  @Inject SqlNotificationInbox sqlInbox;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;

  @Override
  protected NotificationInbox create() {
    QuarkusTransaction.requiringNew()
        .run(() -> new Jdbc(dataSource).update("DELETE FROM notification_inbox"));
    return sqlInbox;
  }

  @Override
  protected UnitOfWork unitOfWork() {
    return uow;
  }

  @Test
  void rejectedNotifications_areCappedKeepingTheNewest() {
    create();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    for (int i = 0; i < 5; i++) {
      InboxEntry bad =
          new InboxEntry(
              "rej-" + i,
              "{}".getBytes(StandardCharsets.UTF_8),
              Map.of(),
              "127.0.0.1",
              t0.plusSeconds(i),
              InboxStatus.REJECTED,
              null,
              "bad signature");
      QuarkusTransaction.requiringNew().run(() -> sqlInbox.storeRejected(bad));
    }

    int removed = QuarkusTransaction.requiringNew().call(() -> sqlInbox.capRejected(2));

    assertThat(removed).isEqualTo(3);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> sqlInbox.list(InboxStatus.REJECTED, null, 10))
                .items())
        .extracting(InboxEntry::id)
        .containsExactly("rej-4", "rej-3");
  }

  @Test
  void headersWithQuotesBackslashesControlAndNonAsciiCharacters_readBackAsStored() {
    create();
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("x-qf-sign", "606E0E764347884FC6C573864AE9077F");
    headers.put("user-agent", "say \"hi\" \\ back\tslash\u0001\u001f end");
    headers.put("x-note", "caf\u00e9 \u6e2f\u5e63 \u2028 \ud83d\ude00");
    headers.put("x-empty", "");
    InboxEntry e =
        new InboxEntry(
            "hdr-1",
            "{}".getBytes(StandardCharsets.UTF_8),
            headers,
            "127.0.0.1",
            Instant.parse("2026-01-01T00:00:00Z"),
            InboxStatus.REJECTED,
            null,
            "bad signature");
    QuarkusTransaction.requiringNew().run(() -> sqlInbox.storeRejected(e));

    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> sqlInbox.findById("hdr-1"))
                .orElseThrow()
                .headers())
        .isEqualTo(headers);
  }

  @Test
  void purge_removesOnlyEntriesReceivedBeforeTheCutoff() {
    create();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    QuarkusTransaction.requiringNew()
        .run(() -> sqlInbox.storeVerified(verified("old", "s-old", t0)));
    QuarkusTransaction.requiringNew()
        .run(() -> sqlInbox.storeVerified(verified("new", "s-new", t0.plusSeconds(3600))));

    int purged =
        QuarkusTransaction.requiringNew()
            .call(() -> sqlInbox.purgeReceivedBefore(t0.plusSeconds(1)));

    assertThat(purged).isEqualTo(1);
    assertThat(QuarkusTransaction.requiringNew().call(() -> sqlInbox.findById("new"))).isPresent();
    assertThat(
            QuarkusTransaction.requiringNew().call(() -> sqlInbox.findByDedupeKey("PAYMENT:s-old")))
        .isEmpty();
  }
}

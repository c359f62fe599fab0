package io.ecrhub.app.notify.persistence;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.testing.NotificationInboxContract;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The domain's inbox contract against the SQL adapter (H2, or PostgreSQL with the pg profile). */
@QuarkusTest
class SqlNotificationInboxTest extends NotificationInboxContract {
  @Inject SqlNotificationInbox sqlInbox;
  @Inject UnitOfWork uow;
  @Inject DataSource dataSource;
  @Inject Scheduler scheduler;

  /**
   * The contract speaks to the store alone: the hub's notification sweep would otherwise apply the
   * contract's VERIFIED rows in the middle of a test (seen once on PostgreSQL: a notification gone
   * from the VERIFIED search because the sweep had just applied it).
   */
  @AfterEach
  void resumeJobs() {
    scheduler.resume();
  }

  @Override
  protected NotificationInbox create() {
    scheduler.pause();
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

  /** A verified entry with every column set to a value distinct from the other entries'. */
  private static InboxEntry full(int i, String syssn, InboxStatus status) {
    Map<String, String> headers = new java.util.LinkedHashMap<>();
    headers.put("x-qf-sign", "SIGN" + i);
    headers.put("content-type", "application/json; i=" + i);
    byte[] body = new byte[40 + i];
    for (int b = 0; b < body.length; b++) {
      body[b] = (byte) (b * 7 + i); // not UTF-8 text: the bytes must survive as they are
    }
    return new InboxEntry(
        "batch-" + i,
        body,
        headers,
        "10.0.0." + i,
        Instant.parse("2026-02-03T04:05:06.123456Z").plusSeconds(i * 61L),
        status,
        "PAYMENT:" + syssn,
        "note " + i,
        "key-" + i,
        "trade-" + i,
        "syssn-ref-" + i);
  }

  @Test
  void storeVerifiedAll_storesEveryEntry_andEveryColumnReadsBackAsGiven() {
    create();
    List<InboxEntry> batch =
        List.of(
            full(1, "b-1", InboxStatus.VERIFIED),
            full(2, "b-2", InboxStatus.PARKED),
            full(3, "b-3", InboxStatus.APPLIED));

    int stored = QuarkusTransaction.requiringNew().call(() -> sqlInbox.storeVerifiedAll(batch));

    assertThat(stored).isEqualTo(3);
    for (InboxEntry given : batch) {
      InboxEntry found =
          QuarkusTransaction.requiringNew().call(() -> sqlInbox.findById(given.id())).orElseThrow();
      assertThat(found.rawBody()).isEqualTo(given.rawBody());
      assertThat(found).usingRecursiveComparison().ignoringFields("rawBody").isEqualTo(given);
    }
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> sqlInbox.findByDedupeKey("PAYMENT:b-2"))
                .orElseThrow()
                .id())
        .isEqualTo("batch-2");
  }

  @Test
  void storeVerifiedAll_withAKeyAlreadyStored_storesTheOthersAndCountsThem() {
    create();
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                sqlInbox.storeVerified(
                    verified("first", "d-2", Instant.parse("2026-01-01T00:00:00Z"))));
    List<InboxEntry> batch =
        List.of(
            full(1, "d-1", InboxStatus.VERIFIED),
            full(2, "d-2", InboxStatus.VERIFIED),
            full(3, "d-3", InboxStatus.VERIFIED));

    int stored = QuarkusTransaction.requiringNew().call(() -> sqlInbox.storeVerifiedAll(batch));

    // ON CONFLICT DO NOTHING skips the row whose key was committed before (PostgreSQL and H2)
    assertThat(stored).isEqualTo(2);
    assertThat(storedIds()).containsExactlyInAnyOrder("first", "batch-1", "batch-3");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> sqlInbox.findByDedupeKey("PAYMENT:d-2"))
                .orElseThrow()
                .id())
        .isEqualTo("first");
  }

  /**
   * A key that another transaction inserts and commits while the batch runs: PostgreSQL waits for
   * it and skips the row (fewer stored than given, which makes the caller roll back and go one by
   * one); H2 may instead fail the statement, as the port allows, or skip the row but under-report
   * the count. Never more than one row per key, never a count equal to the batch size.
   */
  @Test
  void storeVerifiedAll_raceWithAnotherTransactionOnOneKey_skipsItOrFailsWhole() throws Exception {
    create();
    List<InboxEntry> batch =
        List.of(
            full(1, "r-1", InboxStatus.VERIFIED),
            full(2, "r-2", InboxStatus.VERIFIED),
            full(3, "r-3", InboxStatus.VERIFIED));
    java.util.concurrent.CountDownLatch inserted = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      java.util.concurrent.Future<?> other =
          pool.submit(
              () ->
                  QuarkusTransaction.requiringNew()
                      .run(
                          () -> {
                            sqlInbox.storeVerified(
                                verified("other", "r-2", Instant.parse("2026-01-01T00:00:00Z")));
                            inserted.countDown();
                            try {
                              release.await(10, java.util.concurrent.TimeUnit.SECONDS);
                            } catch (InterruptedException e) {
                              Thread.currentThread().interrupt();
                            }
                          }));
      assertThat(inserted.await(10, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
      java.util.concurrent.Future<Integer> mine =
          pool.submit(
              () -> QuarkusTransaction.requiringNew().call(() -> sqlInbox.storeVerifiedAll(batch)));
      Thread.sleep(300); // let the batch reach the other transaction's uncommitted key
      release.countDown();
      other.get(10, java.util.concurrent.TimeUnit.SECONDS);

      Integer stored;
      try {
        stored = mine.get(20, java.util.concurrent.TimeUnit.SECONDS);
      } catch (java.util.concurrent.ExecutionException e) {
        stored = null;
      }

      if (postgres()) { // READ COMMITTED: waits for the other commit, then skips that row
        assertThat(stored).isEqualTo(2);
        assertThat(storedIds()).containsExactlyInAnyOrder("other", "batch-1", "batch-3");
      } else if (stored == null) { // H2 may fail the statement: nothing of the batch is stored
        assertThat(storedIds()).containsExactly("other");
      } else {
        // H2 skips the row too, but after waiting for the other transaction's lock it may report
        // fewer rows than it inserted (seen: 1 for 2). The caller only relies on "fewer than
        // given" (then it rolls back and stores one by one), which still holds.
        assertThat(stored).isBetween(1, 2);
        assertThat(storedIds()).containsExactlyInAnyOrder("other", "batch-1", "batch-3");
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void storeVerifiedAll_ofNothing_storesNothing() {
    create();

    assertThat(QuarkusTransaction.requiringNew().call(() -> sqlInbox.storeVerifiedAll(List.of())))
        .isZero();
    assertThat(storedIds()).isEmpty();
  }

  @Test
  void storedDedupeKeys_returnsExactlyTheStoredOnesAmongThoseAsked() {
    create();
    Instant t0 = Instant.parse("2026-01-01T00:00:00Z");
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              sqlInbox.storeVerified(verified("k1", "k-1", t0));
              sqlInbox.storeVerified(verified("k2", "k-2", t0));
              sqlInbox.storeVerified(verified("k3", "k-3", t0));
            });

    assertThat(
            QuarkusTransaction.requiringNew()
                .call(
                    () ->
                        sqlInbox.storedDedupeKeys(
                            List.of("PAYMENT:k-1", "PAYMENT:k-3", "PAYMENT:k-9", "REFUND:k-2"))))
        .containsExactlyInAnyOrder("PAYMENT:k-1", "PAYMENT:k-3");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> sqlInbox.storedDedupeKeys(Set.of("PAYMENT:k-2"))))
        .containsExactly("PAYMENT:k-2");
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> sqlInbox.storedDedupeKeys(List.of("PAYMENT:k-8", "PAYMENT:k-9"))))
        .isEmpty();
    assertThat(QuarkusTransaction.requiringNew().call(() -> sqlInbox.storedDedupeKeys(List.of())))
        .isEmpty();
  }

  private List<String> storedIds() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                new Jdbc(dataSource)
                    .query("SELECT id FROM notification_inbox", rs -> rs.getString(1)));
  }

  private boolean postgres() {
    try (var c = dataSource.getConnection()) {
      return c.getMetaData()
          .getDatabaseProductName()
          .toLowerCase(java.util.Locale.ROOT)
          .contains("postgres");
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.NotificationInbox;
import io.ecrhub.domain.shared.Page;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link NotificationInbox}. Subclass it once per adapter; {@link #create()} must
 * return an empty store. Entries are looked up by the id the stored entry carries.
 */
public abstract class NotificationInboxContract extends PortContract {
  private static final Instant T0 = MutableClock.DEFAULT_START;

  protected NotificationInbox inbox;
  private ExecutorService pool;

  /** An empty store (e.g. with its tables truncated). */
  protected abstract NotificationInbox create();

  @BeforeEach
  void setUpStore() {
    inbox = create();
  }

  @AfterEach
  void stopPool() {
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  /** A verified payment notification for {@code syssn}; the body is exact bytes, spaces kept. */
  protected static InboxEntry verified(String id, String syssn, Instant receivedAt) {
    String body =
        "{\"status\": \"1\", \"notify_type\": \"payment\", \"syssn\": \""
            + syssn
            + "\", \"txamt\": \"1050\"}";
    return new InboxEntry(
        id,
        body.getBytes(StandardCharsets.UTF_8),
        Map.of("X-QF-SIGN", "606E0E764347884FC6C573864AE9077F", "Content-Type", "application/json"),
        "127.0.0.1",
        receivedAt,
        InboxStatus.VERIFIED,
        "PAYMENT:" + syssn,
        null);
  }

  @Test
  void storeVerified_storesTheRawBodyAndHeadersExactly() {
    InboxEntry entry = verified("n-1", "s-1", T0);

    InboxEntry stored = tx(() -> inbox.storeVerified(entry)).orElseThrow();

    InboxEntry found = find(stored.id());
    assertThat(found.rawBody()).isEqualTo(entry.rawBody());
    assertThat(found.headers()).isEqualTo(entry.headers());
    assertThat(found.sourceAddress()).isEqualTo("127.0.0.1");
    assertThat(found.receivedAt()).isEqualTo(T0);
    assertThat(found.status()).isEqualTo(InboxStatus.VERIFIED);
    assertThat(found.dedupeKey()).isEqualTo("PAYMENT:s-1");
    assertThat(found.note()).isNull();
  }

  @Test
  void storeVerified_sameDedupeKeyTwice_secondReturnsEmptyAndStoresNothing() {
    tx(() -> inbox.storeVerified(verified("n-1", "s-1", T0))).orElseThrow();

    Optional<InboxEntry> second =
        tx(() -> inbox.storeVerified(verified("n-2", "s-1", T0.plusSeconds(120))));

    assertThat(second).isEmpty();
    assertThat(listAll(null, 10)).hasSize(1);
  }

  @Test
  void storeVerified_differentDedupeKeys_areBothStored() {
    assertThat(tx(() -> inbox.storeVerified(verified("n-1", "s-1", T0)))).isPresent();
    assertThat(tx(() -> inbox.storeVerified(verified("n-2", "s-2", T0)))).isPresent();

    assertThat(listAll(null, 10)).hasSize(2);
  }

  @Test
  void storeVerified_racingDuplicates_exactlyOneIsStored() throws Exception {
    int racers = 4;
    pool = Executors.newFixedThreadPool(racers);
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Boolean>> results = new ArrayList<>();
    for (int i = 0; i < racers; i++) {
      InboxEntry e = verified("n-" + i, "s-race", T0.plusSeconds(i));
      results.add(
          pool.submit(
              () -> {
                start.await();
                return tx(() -> inbox.storeVerified(e)).isPresent();
              }));
    }
    start.countDown();

    int stored = 0;
    for (Future<Boolean> f : results) {
      stored += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
    }
    assertThat(stored).isEqualTo(1);
    assertThat(listAll(null, 10)).hasSize(1);
  }

  @Test
  void storeRejected_isKeptForAudit() {
    InboxEntry bad =
        new InboxEntry(
            "n-bad",
            "{\"syssn\":\"x\"}".getBytes(StandardCharsets.UTF_8),
            Map.of("X-QF-SIGN", "00"),
            "127.0.0.1",
            T0,
            InboxStatus.REJECTED,
            null,
            "bad signature");

    txRun(() -> inbox.storeRejected(bad));

    assertThat(listAll(InboxStatus.REJECTED, 10)).hasSize(1);
    InboxEntry found = tx(() -> inbox.list(InboxStatus.REJECTED, null, 10)).items().get(0);
    assertThat(found.rawBody()).isEqualTo(bad.rawBody());
    assertThat(found.note()).isEqualTo("bad signature");
  }

  @Test
  void updateStatus_changesStatusAndNote() {
    InboxEntry stored = tx(() -> inbox.storeVerified(verified("n-1", "s-1", T0))).orElseThrow();

    txRun(() -> inbox.updateStatus(stored.id(), InboxStatus.PARKED, "no payment yet"));

    InboxEntry found = find(stored.id());
    assertThat(found.status()).isEqualTo(InboxStatus.PARKED);
    assertThat(found.note()).isEqualTo("no payment yet");
    assertThat(found.rawBody()).isEqualTo(stored.rawBody());
  }

  @Test
  void updateStatus_unknownId_isANoOp() {
    txRun(() -> inbox.updateStatus("n-none", InboxStatus.APPLIED, null));

    assertThat(tx(() -> inbox.findById("n-none"))).isEmpty();
  }

  @Test
  void findParked_returnsParkedEntriesOldestFirstUpToTheLimit() {
    String late = storeWithStatus(verified("n-1", "s-1", T0.plusSeconds(30)), InboxStatus.PARKED);
    String early = storeWithStatus(verified("n-2", "s-2", T0.plusSeconds(10)), InboxStatus.PARKED);
    storeWithStatus(verified("n-3", "s-3", T0), InboxStatus.APPLIED);
    String middle = storeWithStatus(verified("n-4", "s-4", T0.plusSeconds(20)), InboxStatus.PARKED);

    assertThat(tx(() -> inbox.findParked(10)))
        .extracting(InboxEntry::id)
        .containsExactly(early, middle, late);
    assertThat(tx(() -> inbox.findParked(1))).extracting(InboxEntry::id).containsExactly(early);
  }

  @Test
  void list_pagesNewestFirstAndFiltersByStatus() {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      InboxStatus status = i % 2 == 0 ? InboxStatus.APPLIED : InboxStatus.PARKED;
      ids.add(storeWithStatus(verified("n-" + i, "s-" + i, T0.plusSeconds(i)), status));
    }

    assertThat(listAll(null, 2))
        .containsExactly(ids.get(4), ids.get(3), ids.get(2), ids.get(1), ids.get(0));
    assertThat(listAll(InboxStatus.PARKED, 1)).containsExactly(ids.get(3), ids.get(1));
    assertThat(listAll(InboxStatus.DUPLICATE, 5)).isEmpty();
  }

  @Test
  void list_lastPartialPage_hasNoCursor() {
    for (int i = 0; i < 3; i++) {
      InboxEntry e = verified("n-" + i, "s-" + i, T0.plusSeconds(i));
      tx(() -> inbox.storeVerified(e));
    }

    Page<InboxEntry> first = tx(() -> inbox.list(null, null, 2));
    Page<InboxEntry> second = tx(() -> inbox.list(null, first.nextCursor(), 2));

    assertThat(first.nextCursor()).isNotNull();
    assertThat(second.items()).hasSize(1);
    assertThat(second.nextCursor()).isNull();
  }

  private String storeWithStatus(InboxEntry entry, InboxStatus status) {
    String id = tx(() -> inbox.storeVerified(entry)).orElseThrow().id();
    txRun(() -> inbox.updateStatus(id, status, null));
    return id;
  }

  private InboxEntry find(String id) {
    return tx(() -> inbox.findById(id)).orElseThrow();
  }

  private List<String> listAll(InboxStatus status, int pageSize) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String c = cursor;
      Page<InboxEntry> page = tx(() -> inbox.list(status, c, pageSize));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
      page.items().forEach(e -> seen.add(e.id()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 50);
    return seen;
  }

  @Test
  void search_filtersBySyssnTradeAndTime_newestFirst() {
    InboxEntry payment = verified("n-pay", "s-100", T0);
    InboxEntry refund =
        new InboxEntry(
            "n-ref",
            "{}".getBytes(StandardCharsets.UTF_8),
            Map.of(),
            "127.0.0.1",
            T0.plusSeconds(10),
            InboxStatus.VERIFIED,
            "REFUND:s-200",
            null,
            null,
            "trade-1",
            "s-100");
    InboxEntry other = verified("n-other", "s-300", T0.plusSeconds(20));
    String payId = tx(() -> inbox.storeVerified(payment)).orElseThrow().id();
    String refId = tx(() -> inbox.storeVerified(refund)).orElseThrow().id();
    String otherId = tx(() -> inbox.storeVerified(other)).orElseThrow().id();

    assertThat(search(new NotificationInbox.Filter(null, "s-100", null, null, null)))
        .as("its own syssn or the one it refers to")
        .containsExactly(refId, payId);
    assertThat(search(new NotificationInbox.Filter(null, "s-200", null, null, null)))
        .containsExactly(refId);
    assertThat(search(new NotificationInbox.Filter(null, null, "trade-1", null, null)))
        .containsExactly(refId);
    assertThat(
            search(
                new NotificationInbox.Filter(
                    null, null, null, T0.plusSeconds(10), T0.plusSeconds(20))))
        .as("from inclusive, to exclusive")
        .containsExactly(refId);
    assertThat(search(new NotificationInbox.Filter(InboxStatus.VERIFIED, null, null, null, null)))
        .containsExactly(otherId, refId, payId);
    assertThat(search(new NotificationInbox.Filter(InboxStatus.PARKED, "s-100", null, null, null)))
        .isEmpty();
  }

  @Test
  void countByStatus_countsEachStoredStatus() {
    storeWithStatus(verified("n-1", "s-1", T0), InboxStatus.APPLIED);
    storeWithStatus(verified("n-2", "s-2", T0.plusSeconds(1)), InboxStatus.APPLIED);
    storeWithStatus(verified("n-3", "s-3", T0.plusSeconds(2)), InboxStatus.PARKED);

    assertThat(tx(() -> inbox.countByStatus()))
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(InboxStatus.APPLIED, 2L, InboxStatus.PARKED, 1L));
  }

  private List<String> search(NotificationInbox.Filter filter) {
    List<String> ids = new ArrayList<>();
    String cursor = null;
    do {
      String after = cursor;
      Page<InboxEntry> page = tx(() -> inbox.search(filter, after, 2));
      page.items().forEach(e -> ids.add(e.id()));
      cursor = page.nextCursor();
    } while (cursor != null);
    return ids;
  }
}

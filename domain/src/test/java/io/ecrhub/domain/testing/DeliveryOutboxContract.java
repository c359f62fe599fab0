package io.ecrhub.domain.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.delivery.DeliveryAttempt;
import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.notification.delivery.DeliveryStatus;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.Page;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Contract of {@link DeliveryOutbox}: messages round-trip with every field, saves are optimistic on
 * the version, due messages come oldest due first, attempts oldest first, listings newest first
 * with a cursor. Subclass it once per adapter; {@link #create()} returns an empty outbox.
 */
public abstract class DeliveryOutboxContract extends PortContract {
  /**
   * Far in the future: a hub running alongside (the app's delivery worker polls its outbox on the
   * real clock) never finds these messages due, claims or dead-letters them while a test runs.
   */
  private static final Instant T0 = Instant.parse("2100-03-02T02:00:00Z");

  private static final Duration LEASE = Duration.ofSeconds(30);

  private DeliveryOutbox outbox;

  /** An empty outbox (messages and attempts). */
  protected abstract DeliveryOutbox create();

  @BeforeEach
  void setUpStore() {
    outbox = create();
  }

  private static byte[] body(String id) {
    return ("{\"syssn\": \"" + id + "\", \"note\": \"caf\u00e9\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  private OutboxMessage recorded(String id, String subscription, Instant at) {
    OutboxMessage m = OutboxMessage.record(id, subscription, "payment.succeeded", body(id), at);
    txRun(() -> outbox.record(m));
    return m;
  }

  private OutboxMessage find(String id) {
    return tx(() -> outbox.findById(id)).orElseThrow();
  }

  private OutboxMessage save(OutboxMessage m) {
    return tx(() -> outbox.save(m));
  }

  @Test
  void record_thenFindById_returnsEveryField() {
    recorded("m-1", "erp-1", T0);

    OutboxMessage found = find("m-1");

    assertThat(found.snapshot())
        .usingRecursiveComparison()
        .isEqualTo(
            OutboxMessage.record("m-1", "erp-1", "payment.succeeded", body("m-1"), T0).snapshot());
    assertThat(found.status()).isEqualTo(DeliveryStatus.RECORDED);
    assertThat(found.nextAttemptAt()).contains(T0);
    assertThat(found.version()).isZero();
  }

  @Test
  void findById_unknown_isEmpty() {
    assertThat(tx(() -> outbox.findById("m-none"))).isEmpty();
  }

  @Test
  void claimDeliverySchedule_everyStateAndTimestampReadsBack() {
    OutboxMessage m = recorded("m-1", "erp-1", T0);

    m.claim(T0.plusSeconds(1), LEASE);
    OutboxMessage claimed = save(m);
    assertThat(claimed.status()).isEqualTo(DeliveryStatus.DELIVERING);
    assertThat(claimed.version()).isEqualTo(1);
    assertThat(find("m-1").firstAttemptAt()).contains(T0.plusSeconds(1));
    assertThat(find("m-1").nextAttemptAt()).contains(T0.plusSeconds(1).plus(LEASE));

    claimed.failed(T0.plusSeconds(2), "connect refused", Optional.of(T0.plusSeconds(60)));
    OutboxMessage retry = save(claimed);
    OutboxMessage r = find("m-1");
    assertThat(r.status()).isEqualTo(DeliveryStatus.RETRY_SCHEDULED);
    assertThat(r.attempts()).isEqualTo(1);
    assertThat(r.lastAttemptAt()).contains(T0.plusSeconds(2));
    assertThat(r.lastError()).contains("connect refused");
    assertThat(r.nextAttemptAt()).contains(T0.plusSeconds(60));
    assertThat(r.version()).isEqualTo(2);

    retry.claim(T0.plusSeconds(60), LEASE);
    OutboxMessage again = save(retry);
    again.delivered(T0.plusSeconds(61));
    save(again);
    OutboxMessage d = find("m-1");
    assertThat(d.status()).isEqualTo(DeliveryStatus.DELIVERED);
    assertThat(d.attempts()).isEqualTo(2);
    assertThat(d.deliveredAt()).contains(T0.plusSeconds(61));
    assertThat(d.firstAttemptAt()).contains(T0.plusSeconds(1));
    assertThat(d.nextAttemptAt()).isEmpty();
    assertThat(d.lastError()).isEmpty();
    assertThat(d.body()).isEqualTo(body("m-1"));
    assertThat(d.version()).isEqualTo(4);
  }

  @Test
  void failedWithoutNextAttempt_isDeadLettered_andReplayMakesItDueAgain() {
    OutboxMessage m = recorded("m-1", "erp-1", T0);
    m.claim(T0, LEASE);
    OutboxMessage c = save(m);
    c.failed(T0.plusSeconds(1), "x".repeat(1000), Optional.empty());
    OutboxMessage dead = save(c);

    OutboxMessage found = find("m-1");
    assertThat(found.status()).isEqualTo(DeliveryStatus.DEAD_LETTER);
    assertThat(found.lastError()).contains("x".repeat(1000)); // the longest error fits
    assertThat(tx(() -> outbox.findDue(T0.plusSeconds(3600), 10))).isEmpty();

    dead.replay(T0.plusSeconds(10));
    save(dead);
    OutboxMessage replayed = find("m-1");
    assertThat(replayed.status()).isEqualTo(DeliveryStatus.RECORDED);
    assertThat(replayed.attempts()).isZero();
    assertThat(replayed.firstAttemptAt()).isEmpty();
    assertThat(tx(() -> outbox.findDue(T0.plusSeconds(10), 10)))
        .extracting(OutboxMessage::id)
        .containsExactly("m-1");
  }

  @Test
  void save_staleVersion_failsAndChangesNothing() {
    OutboxMessage first = recorded("m-1", "erp-1", T0);
    OutboxMessage second = find("m-1");
    first.claim(T0, LEASE);
    save(first);

    second.claim(T0.plusSeconds(5), LEASE);
    assertThatThrownBy(() -> save(second)).isInstanceOf(ConcurrentModificationException.class);

    assertThat(find("m-1").nextAttemptAt()).contains(T0.plus(LEASE));
    assertThat(find("m-1").version()).isEqualTo(1);
  }

  @Test
  void save_unknownMessage_fails() {
    OutboxMessage never = OutboxMessage.record("m-x", "erp-1", "payment.succeeded", body("x"), T0);
    assertThatThrownBy(() -> save(never)).isInstanceOf(ConcurrentModificationException.class);
    assertThat(tx(() -> outbox.findById("m-x"))).isEmpty();
  }

  @Test
  void findDue_returnsDueMessagesOldestDueFirst_upToTheLimit() {
    recorded("m-late", "erp-1", T0.plusSeconds(25));
    recorded("m-early", "erp-1", T0.plusSeconds(10));
    recorded("m-future", "erp-1", T0.plusSeconds(500));
    OutboxMessage leased = recorded("m-leased", "erp-1", T0);
    leased.claim(T0, LEASE); // due again when the lease ends, at T0 + 30 s
    save(leased);
    OutboxMessage delivered = recorded("m-done", "erp-1", T0);
    delivered.claim(T0, LEASE);
    OutboxMessage d = save(delivered);
    d.delivered(T0.plusSeconds(1));
    save(d);

    assertThat(tx(() -> outbox.findDue(T0.plusSeconds(20), 10)))
        .extracting(OutboxMessage::id)
        .containsExactly("m-early");
    assertThat(tx(() -> outbox.findDue(T0.plusSeconds(40), 10)))
        .extracting(OutboxMessage::id)
        .containsExactly("m-early", "m-late", "m-leased")
        .doesNotContain("m-done");
    assertThat(tx(() -> outbox.findDue(T0.plusSeconds(40), 1)))
        .extracting(OutboxMessage::id)
        .containsExactly("m-early");
  }

  @Test
  void attempts_areLoggedPerMessageOldestFirst_withEveryField() {
    DeliveryAttempt a1 =
        new DeliveryAttempt(
            "m-1", 1, T0, Duration.ofMillis(1500), null, false, "connect refused", null);
    DeliveryAttempt a2 =
        new DeliveryAttempt(
            "m-1", 2, T0.plusSeconds(60), Duration.ofMillis(12), 200, true, null, "y".repeat(2000));
    DeliveryAttempt other =
        new DeliveryAttempt("m-2", 1, T0, Duration.ZERO, 500, false, "e".repeat(1000), "oops");
    txRun(() -> outbox.appendAttempt(a1));
    txRun(() -> outbox.appendAttempt(other));
    txRun(() -> outbox.appendAttempt(a2));

    assertThat(tx(() -> outbox.attempts("m-1"))).containsExactly(a1, a2);
    assertThat(tx(() -> outbox.attempts("m-2"))).containsExactly(other);
    assertThat(tx(() -> outbox.attempts("m-none"))).isEmpty();
  }

  @Test
  void list_pagesNewestFirst_andFiltersByStatusAndSubscription() {
    for (int i = 0; i < 5; i++) {
      recorded("m-" + i, i % 2 == 0 ? "erp-a" : "erp-b", T0.plusSeconds(i));
    }
    OutboxMessage m3 = find("m-3");
    m3.claim(T0.plusSeconds(10), LEASE);
    save(m3);

    assertThat(listAll(null, null, 2)).containsExactly("m-4", "m-3", "m-2", "m-1", "m-0");
    assertThat(listAll(null, "erp-a", 1)).containsExactly("m-4", "m-2", "m-0");
    assertThat(listAll(DeliveryStatus.RECORDED, "erp-b", 5)).containsExactly("m-1");
    assertThat(listAll(DeliveryStatus.DELIVERING, null, 5)).containsExactly("m-3");
    assertThat(listAll(DeliveryStatus.DEAD_LETTER, null, 5)).isEmpty();
  }

  @Test
  void list_sameCreationTime_pagesWithoutLosingOrRepeating() {
    for (int i = 0; i < 5; i++) {
      recorded("m-" + i, "erp-a", T0);
    }

    List<String> all = listAll(null, null, 2);

    assertThat(all).hasSize(5).doesNotHaveDuplicates();
    assertThat(all).containsExactly("m-4", "m-3", "m-2", "m-1", "m-0");
  }

  @Test
  void list_lastPage_hasNoCursor() {
    recorded("m-1", "erp-a", T0);
    recorded("m-2", "erp-a", T0.plusSeconds(1));

    Page<OutboxMessage> exact = tx(() -> outbox.list(null, null, null, 2));
    assertThat(exact.items()).hasSize(2);
    assertThat(exact.nextCursor()).isNull();
  }

  private List<String> listAll(DeliveryStatus status, String subscription, int pageSize) {
    List<String> seen = new ArrayList<>();
    String cursor = null;
    int pages = 0;
    do {
      String c = cursor;
      Page<OutboxMessage> page = tx(() -> outbox.list(status, subscription, c, pageSize));
      assertThat(page.items()).hasSizeLessThanOrEqualTo(pageSize);
      page.items().forEach(m -> seen.add(m.id()));
      cursor = page.nextCursor();
      pages++;
    } while (cursor != null && pages < 50);
    return seen;
  }
}

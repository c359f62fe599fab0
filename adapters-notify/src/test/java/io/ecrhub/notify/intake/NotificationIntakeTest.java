package io.ecrhub.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.ApplyNotification;
import io.ecrhub.domain.notification.ApplyResult;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.IngestNotification.Verdict;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.shared.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

class NotificationIntakeTest {
  static final byte[] BODY = NotificationSignatureTest.BODY;
  static final String SIGN = NotificationSignatureTest.SIGN;

  final InMemoryInbox inbox = new InMemoryInbox();
  final List<QfpayNotification> applied = new CopyOnWriteArrayList<>();
  final List<String> fannedOut = new CopyOnWriteArrayList<>();
  volatile ApplyResult nextResult = new ApplyResult.Applied("pay_1", "settled");
  final ApplyNotification applier =
      n -> {
        applied.add(n);
        return nextResult;
      };
  final UnitOfWork uow =
      new UnitOfWork() {
        @Override
        public <T> T inTransaction(Supplier<T> work) {
          return work.get();
        }
      };
  final AtomicInteger ids = new AtomicInteger();
  final NotificationParser parser = new NotificationParser("HKD");
  final KeyRing ring =
      new KeyRing(
          List.of(
              new KeyRing.Entry("main", NotificationSignatureTest.KEY, Set.of(), Instant.EPOCH)),
          8,
          false);
  final NotificationIntake intake =
      new NotificationIntake(
          () -> ring,
          parser,
          inbox,
          uow,
          Clock.fixed(Instant.parse("2025-08-26T08:00:00Z"), ZoneOffset.UTC),
          () -> "n" + ids.incrementAndGet(),
          new InboxProcessor(inbox, parser, applier, Runnable::run),
          (e, n, now) -> fannedOut.add(e.id()));

  @Test
  void validNotification_isStoredVerifiedWithRawBodyBeforeItIsApplied() {
    NotificationIntake.Result r = intake.receive(BODY, headers(SIGN), "13.228.112.115");

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    InboxEntry stored = inbox.rows.get(r.entryId());
    assertThat(stored.rawBody()).isEqualTo(BODY);
    assertThat(stored.sourceAddress()).isEqualTo("13.228.112.115");
    assertThat(stored.keyId()).isEqualTo("main");
    assertThat(stored.headers())
        .containsEntry("x-qf-sign", SIGN)
        .doesNotContainKey("authorization");
    assertThat(stored.status()).isEqualTo(InboxStatus.APPLIED);
    assertThat(stored.tradeRef()).isEqualTo("x--1--2");
    assertThat(applied).hasSize(1);
    assertThat(fannedOut).containsExactly(r.entryId());
  }

  @Test
  void replayOfAnOldValidNotification_isAcceptedButHasNoSecondEffect() {
    intake.receive(BODY, headers(SIGN), "a");

    NotificationIntake.Result again = intake.receive(BODY, headers(SIGN), "a");

    assertThat(again.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(again.duplicate()).isTrue();
    assertThat(applied).hasSize(1);
    assertThat(fannedOut).hasSize(1);
    assertThat(inbox.rows.values()).filteredOn(e -> e.status() != InboxStatus.REJECTED).hasSize(1);
  }

  @Test
  void twoIdenticalNotificationsAtTheSameMoment_produceOneEffect() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      CountDownLatch start = new CountDownLatch(1);
      List<Future<NotificationIntake.Result>> results = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        results.add(
            pool.submit(
                () -> {
                  start.await();
                  return intake.receive(BODY, headers(SIGN), "a");
                }));
      }
      start.countDown();
      int fresh = 0;
      for (Future<NotificationIntake.Result> f : results) {
        NotificationIntake.Result r = f.get(30, TimeUnit.SECONDS);
        assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
        fresh += r.duplicate() ? 0 : 1;
      }
      assertThat(fresh).isEqualTo(1);
      assertThat(applied).hasSize(1);
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void losingTheUniqueKeyRaceToAnotherInstance_isADuplicateNotAFailure() {
    InMemoryInbox racing =
        new InMemoryInbox() {
          @Override
          public java.util.Optional<InboxEntry> storeVerified(InboxEntry entry) {
            super.storeVerified(entry.withStatus(InboxStatus.VERIFIED, "other instance"));
            throw new IllegalStateException("unique constraint violated");
          }
        };
    NotificationIntake intakeB =
        new NotificationIntake(
            () -> ring,
            parser,
            racing,
            uow,
            Clock.systemUTC(),
            () -> "b" + ids.incrementAndGet(),
            new InboxProcessor(racing, parser, applier, Runnable::run),
            null);

    NotificationIntake.Result r = intakeB.receive(BODY, headers(SIGN), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(r.duplicate()).isTrue();
    assertThat(applied).isEmpty();
  }

  @Test
  void badSignature_isRejectedAndKeptForAudit_notApplied() {
    NotificationIntake.Result r =
        intake.receive(BODY, headers("00000000000000000000000000000000"), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.REJECTED);
    assertThat(inbox.rows.get(r.entryId()).note()).contains("none of the tried");
    assertThat(applied).isEmpty();
    assertThat(fannedOut).isEmpty();
  }

  @Test
  void missingSignatureHeader_isABadSignature() {
    assertThat(intake.receive(BODY, Map.of(), "a").verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
  }

  @Test
  void tamperedBody_isABadSignature() {
    byte[] tampered =
        new String(BODY, StandardCharsets.UTF_8)
            .replace("1050", "9050")
            .getBytes(StandardCharsets.UTF_8);
    assertThat(intake.receive(tampered, headers(SIGN), "a").verdict())
        .isEqualTo(Verdict.BAD_SIGNATURE);
  }

  @Test
  void legacySignedNotification_isAcceptedAndApplied() {
    NotificationIntake.Result r =
        intake.receive(BODY, headers(NotificationSignatureTest.LEGACY_SIGN), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(inbox.rows.get(r.entryId()).keyId()).isEqualTo("main");
    assertThat(applied).hasSize(1);
  }

  @Test
  void unknownNotifyType_withAValidSignature_isStoredIgnoredForAnAdmin_notApplied() {
    byte[] body =
        ("{\"status\":\"1\",\"notify_type\":\"chargeback\",\"syssn\":\"S77\","
                + "\"out_trade_no\":\"o-77\",\"txamt\":\"300\"}")
            .getBytes(StandardCharsets.UTF_8);
    String sign = NotificationSignature.sign(body, NotificationSignatureTest.KEY);

    NotificationIntake.Result r = intake.receive(body, headers(sign), "a");
    NotificationIntake.Result again = intake.receive(body, headers(sign), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    InboxEntry stored = inbox.rows.get(r.entryId());
    assertThat(stored.status()).isEqualTo(InboxStatus.IGNORED);
    assertThat(stored.note()).startsWith("unknown notify_type chargeback");
    assertThat(stored.rawBody()).isEqualTo(body);
    assertThat(stored.dedupeKey()).isEqualTo("OTHER:chargeback:S77");
    assertThat(stored.syssnRef()).isEqualTo("S77");
    assertThat(again.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(again.duplicate()).isTrue();
    assertThat(applied).isEmpty();
    assertThat(fannedOut).isEmpty();
  }

  @Test
  void unknownNotifyType_withABadSignature_isStillRejected() {
    byte[] body =
        "{\"notify_type\":\"chargeback\",\"syssn\":\"S78\"}".getBytes(StandardCharsets.UTF_8);

    NotificationIntake.Result r =
        intake.receive(body, headers("00000000000000000000000000000000"), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.REJECTED);
  }

  @Test
  void malformedJson_isMalformed() {
    // signed: the signature is checked before the body is parsed (ADR 0009)
    byte[] oops = "{oops".getBytes(StandardCharsets.UTF_8);
    NotificationIntake.Result r =
        intake.receive(oops, headers(NotificationSignature.sign(oops, key())), "a");
    assertThat(r.verdict()).isEqualTo(Verdict.MALFORMED);
    assertThat(inbox.rows.get(r.entryId()).note()).contains("not valid JSON");
  }

  @Test
  void signedButUnusableBody_isMalformed() {
    byte[] body = "{\"notify_type\":\"payment\",\"syssn\":\"S1\"}".getBytes(StandardCharsets.UTF_8);
    String sign = NotificationSignature.sign(body, NotificationSignatureTest.KEY);
    NotificationIntake.Result r = intake.receive(body, headers(sign), "a");
    assertThat(r.verdict()).isEqualTo(Verdict.MALFORMED);
    assertThat(r.reason()).contains("signed but", "txamt");
  }

  @Test
  void databaseDown_failsTheIntake_thenQfpaysRetrySucceedsAndNothingIsLost() {
    inbox.down = true;
    assertThatThrownBy(() -> intake.receive(BODY, headers(SIGN), "a"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(applied).isEmpty();

    inbox.down = false;
    NotificationIntake.Result retry = intake.receive(BODY, headers(SIGN), "a");

    assertThat(retry.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(retry.duplicate()).isFalse();
    assertThat(applied).hasSize(1);
  }

  @Test
  void applyFailure_leavesTheEntryVerified_andTheSweepAppliesItLater() {
    ApplyNotification failing =
        n -> {
          throw new IllegalStateException("lock timeout");
        };
    NotificationIntake flaky =
        new NotificationIntake(
            () -> ring,
            parser,
            inbox,
            uow,
            Clock.systemUTC(),
            () -> "f" + ids.incrementAndGet(),
            new InboxProcessor(inbox, parser, failing, Runnable::run),
            null);
    NotificationIntake.Result r = flaky.receive(BODY, headers(SIGN), "a");
    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.VERIFIED);

    int changed = new InboxProcessor(inbox, parser, applier, Runnable::run).sweep(10);

    assertThat(changed).isEqualTo(1);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.APPLIED);
  }

  /** Events published, released only when the outermost fake transaction commits. */
  final List<io.ecrhub.domain.shared.DomainEvent> published = new CopyOnWriteArrayList<>();

  private final List<io.ecrhub.domain.shared.DomainEvent> inTransaction = new ArrayList<>();

  /** As the hub's publisher: recorded with the transaction, released after its commit. */
  final io.ecrhub.domain.shared.EventPublisher events = inTransaction::add;

  /**
   * A unit of work that undoes the inbox's changes when the work throws, like a rollback, and
   * releases the events published inside it only when it commits.
   */
  final UnitOfWork rollingBack =
      new UnitOfWork() {
        private final ThreadLocal<Boolean> open = ThreadLocal.withInitial(() -> false);

        @Override
        public <T> T inTransaction(Supplier<T> work) {
          if (open.get()) {
            return work.get(); // joins the running one
          }
          Map<String, InboxEntry> rows = new java.util.HashMap<>(inbox.rows);
          Map<String, String> keys = new java.util.HashMap<>(inbox.dedupe);
          open.set(true);
          try {
            T result = work.get();
            published.addAll(inTransaction);
            return result;
          } catch (RuntimeException e) {
            inTransaction.clear();
            inbox.rows.clear();
            inbox.rows.putAll(rows);
            inbox.dedupe.clear();
            inbox.dedupe.putAll(keys);
            throw e;
          } finally {
            inTransaction.clear();
            open.set(false);
          }
        }
      };

  record Happened(String type, String aggregateId, Instant occurredAt)
      implements io.ecrhub.domain.shared.DomainEvent {}

  NotificationIntake oneTransaction(ApplyNotification a) {
    return new NotificationIntake(
        () -> ring,
        parser,
        inbox,
        rollingBack,
        Clock.systemUTC(),
        () -> "t" + ids.incrementAndGet(),
        new InboxProcessor(inbox, parser, a, Runnable::run),
        (e, n, now) -> fannedOut.add(e.id()),
        true);
  }

  @Test
  void oneTransaction_storesAndApplies_andItsEventsLeaveOnlyAfterTheCommit() {
    List<Integer> publishedWhileApplying = new ArrayList<>();
    ApplyNotification publishing =
        n -> {
          events.publish(new Happened("payment.succeeded", "pay_1", Instant.EPOCH));
          publishedWhileApplying.add(published.size());
          return new ApplyResult.Applied("pay_1", "settled");
        };

    NotificationIntake.Result r = oneTransaction(publishing).receive(BODY, headers(SIGN), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.APPLIED);
    assertThat(publishedWhileApplying).containsExactly(0);
    assertThat(published).extracting(e -> e.type()).containsExactly("payment.succeeded");
    assertThat(fannedOut).containsExactly(r.entryId());
  }

  @Test
  void oneTransaction_applyFailure_rollsBackThenStoresAlone_appliesAfterwards_dropsHeldEvents() {
    AtomicInteger calls = new AtomicInteger();
    ApplyNotification failingOnce =
        n -> {
          if (calls.incrementAndGet() == 1) {
            events.publish(new Happened("payment.succeeded", "pay_1", Instant.EPOCH));
            throw new IllegalStateException("lock timeout");
          }
          return new ApplyResult.Applied("pay_1", "settled on the second try");
        };

    NotificationIntake.Result r = oneTransaction(failingOnce).receive(BODY, headers(SIGN), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(r.duplicate()).isFalse();
    assertThat(inbox.rows).hasSize(1);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.APPLIED);
    assertThat(calls.get()).isEqualTo(2);
    assertThat(published).isEmpty(); // the rolled-back attempt's event never left
  }

  @Test
  void oneTransaction_applyFailingAgain_leavesTheEntryVerifiedForTheSweep() {
    ApplyNotification failing =
        n -> {
          throw new IllegalStateException("lock timeout");
        };

    NotificationIntake.Result r = oneTransaction(failing).receive(BODY, headers(SIGN), "a");

    assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(inbox.rows).hasSize(1);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.VERIFIED);
  }

  @Test
  void oneTransaction_duplicate_isRolledBack_soItsApplyHasNoEffect() {
    ApplyNotification publishing =
        n -> {
          events.publish(new Happened("payment.succeeded", "pay_1", Instant.EPOCH));
          return new ApplyResult.Applied("pay_1", "settled");
        };
    NotificationIntake once = oneTransaction(publishing);
    NotificationIntake.Result first = once.receive(BODY, headers(SIGN), "a");

    NotificationIntake.Result again = once.receive(BODY, headers(SIGN), "a");

    assertThat(again.verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(again.duplicate()).isTrue();
    assertThat(inbox.rows).containsOnlyKeys(first.entryId());
    assertThat(published).hasSize(1); // the duplicate's rolled-back apply published nothing
    assertThat(fannedOut).containsExactly(first.entryId());
  }

  @Test
  void oneTransaction_databaseDown_fails() {
    inbox.down = true;
    assertThatThrownBy(() -> oneTransaction(applier).receive(BODY, headers(SIGN), "a"))
        .isInstanceOf(IllegalStateException.class);
    assertThat(inbox.rows).isEmpty();
  }

  @Test
  void parkedNotification_isRetriedWhenItsTransactionAppears() {
    nextResult = new ApplyResult.Parked("no payment yet");
    NotificationIntake.Result r = intake.receive(BODY, headers(SIGN), "a");
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.PARKED);
    InboxProcessor processor = new InboxProcessor(inbox, parser, applier, Runnable::run);

    assertThat(processor.retryParkedFor("other", null)).isZero();
    nextResult = new ApplyResult.Applied("pay_1", "settled");
    assertThat(processor.retryParkedFor("x--1--2", null)).isEqualTo(1);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.APPLIED);
  }

  @Test
  void rejectedEntries_cannotBeReapplied() {
    NotificationIntake.Result r = intake.receive(BODY, headers("bad"), "a");
    InboxProcessor processor = new InboxProcessor(inbox, parser, applier, Runnable::run);
    assertThatThrownBy(() -> processor.reapply(r.entryId())).hasMessageContaining("REJECTED");
  }

  static Map<String, String> headers(String sign) {
    return Map.of(
        "X-QF-SIGN", sign, "Content-Type", "application/json", "Authorization", "Bearer x");
  }

  static NotificationKey key() {
    return NotificationSignatureTest.KEY;
  }
}

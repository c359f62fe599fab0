package io.ecrhub.notify.intake;

import static io.ecrhub.notify.intake.NotificationIntakeTest.headers;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.AcceptNotification.Result;
import io.ecrhub.domain.notification.ApplyNotification;
import io.ecrhub.domain.notification.ApplyResult;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.IngestNotification.Verdict;
import io.ecrhub.domain.notification.QfpayNotification;
import io.ecrhub.domain.shared.UnitOfWork;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit} with one writer, over the in-memory inbox and a unit of work that undoes the
 * inbox's changes when it fails (like a rollback). A gate holds the writer inside a transaction so
 * that the next notifications queue up behind it, as they do while a commit is flushing.
 */
class GroupCommitTest {
  final NotificationIntakeTest fixture = new NotificationIntakeTest();
  final InMemoryInbox inbox = fixture.inbox;
  final List<QfpayNotification> applied = new CopyOnWriteArrayList<>();
  final List<String> fannedOut = new CopyOnWriteArrayList<>();
  final AtomicInteger transactions = new AtomicInteger();
  final AtomicInteger ids = new AtomicInteger();
  final AtomicInteger blockingTasks = new AtomicInteger();
  final Executor blocking =
      task -> {
        blockingTasks.incrementAndGet();
        CompletableFuture.runAsync(task);
      };
  volatile ApplyNotification applier =
      n -> {
        applied.add(n);
        return new ApplyResult.Applied("pay_" + n.syssn(), "settled");
      };

  /** Holds the next transaction open until released (armed per test). */
  volatile CountDownLatch entered = new CountDownLatch(0);

  volatile CountDownLatch release = new CountDownLatch(0);

  final UnitOfWork gated =
      new UnitOfWork() {
        private final ThreadLocal<Boolean> open = ThreadLocal.withInitial(() -> false);

        @Override
        public <T> T inTransaction(Supplier<T> work) {
          if (open.get()) {
            return work.get();
          }
          open.set(true);
          try {
            transactions.incrementAndGet();
            return fixture.rollingBack.inTransaction(
                () -> {
                  entered.countDown();
                  await(release);
                  return work.get();
                });
          } finally {
            open.set(false);
          }
        }
      };

  final NotificationIntake intake = intake(() -> fixture.ring, true);

  /** An intake over this test's inbox, gate and applier. */
  NotificationIntake intake(Supplier<KeyRing> keys, boolean storeAndApplyTogether) {
    return new NotificationIntake(
        keys,
        fixture.parser,
        inbox,
        gated,
        Clock.systemUTC(),
        () -> "n" + ids.incrementAndGet(),
        new InboxProcessor(inbox, fixture.parser, n -> applier.apply(n), Runnable::run),
        (e, n, now) -> fannedOut.add(e.id()),
        storeAndApplyTogether);
  }

  GroupCommit groupCommit = new GroupCommit(intake, blocking, new GroupCommit.Settings(1, 64, 100));

  @AfterEach
  void close() {
    release.countDown();
    groupCommit.close(5_000);
  }

  @Test
  void notificationsArrivingDuringACommit_areStoredTogether_eachAnsweredOnlyAfterThatCommit()
      throws Exception {
    CompletionStage<Result> first = holdTheWriterInsideATransactionWith("S0");
    List<CompletionStage<Result>> queued = new ArrayList<>();
    for (int i = 1; i <= 5; i++) {
      queued.add(submit("S" + i));
    }
    Thread.sleep(50); // give a wrong implementation the chance to answer early
    assertThat(queued).noneMatch(s -> s.toCompletableFuture().isDone());
    assertThat(inbox.rows).isEmpty();

    release.countDown();

    assertThat(get(first).verdict()).isEqualTo(Verdict.ACCEPTED);
    for (CompletionStage<Result> s : queued) {
      Result r = get(s);
      assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
      assertThat(r.duplicate()).isFalse();
      assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.APPLIED);
    }
    assertThat(inbox.groupSizes).containsExactly(5); // the first was stored alone
    assertThat(transactions.get()).isEqualTo(2);
    assertThat(inbox.rows).hasSize(6);
    assertThat(applied).extracting(QfpayNotification::syssn).hasSize(6).doesNotHaveDuplicates();
    assertThat(fannedOut).hasSize(6).doesNotHaveDuplicates();
  }

  @Test
  void copiesWithinAGroupAndCopiesAlreadyStored_areDuplicates_storedAndAppliedOnce()
      throws Exception {
    Result earlier = intake.receive(body("S1"), headers(sign("S1")), "a");
    CompletionStage<Result> first = holdTheWriterInsideATransactionWith("S0");
    CompletionStage<Result> a = submit("S2");
    CompletionStage<Result> b = submit("S2");
    CompletionStage<Result> old = submit("S1");

    release.countDown();
    get(first);

    assertThat(get(a).duplicate()).isFalse();
    assertThat(get(b).duplicate()).isTrue();
    assertThat(get(b).verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(get(old).duplicate()).isTrue();
    assertThat(inbox.groupSizes).containsExactly(1); // S2 once; S1 was stored before
    assertThat(inbox.rows).hasSize(3).containsKey(earlier.entryId());
    assertThat(applied).extracting(QfpayNotification::syssn).containsExactly("S1", "S0", "S2");
  }

  @Test
  void aGroupWhoseApplyFails_isRolledBackWhole_andItsNotificationsAreStoredOneByOne()
      throws Exception {
    AtomicInteger failures = new AtomicInteger(); // applies of S2
    applier =
        n -> {
          if (n.syssn().equals("S2") && failures.getAndIncrement() == 0) {
            throw new IllegalStateException("lock timeout");
          }
          applied.add(n);
          return new ApplyResult.Applied("pay_" + n.syssn(), "settled");
        };
    CompletionStage<Result> first = holdTheWriterInsideATransactionWith("S0");
    List<CompletionStage<Result>> group = List.of(submit("S1"), submit("S2"), submit("S3"));

    release.countDown();
    get(first);

    for (CompletionStage<Result> s : group) {
      Result r = get(s);
      assertThat(r.verdict()).isEqualTo(Verdict.ACCEPTED);
      assertThat(r.duplicate()).isFalse();
      assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.APPLIED);
    }
    assertThat(failures.get()).isEqualTo(2); // S2: failed in the group, then applied alone
    assertThat(inbox.groupSizes).isEmpty(); // the group failed before its insert
    assertThat(applied)
        .extracting(QfpayNotification::syssn)
        .containsExactly("S0", "S1", "S1", "S2", "S3");
    assertThat(inbox.rows).hasSize(4);
    // S1 was applied in the rolled-back group and again alone: no fan-out of the rolled-back try
    assertThat(fannedOut).hasSize(4).doesNotHaveDuplicates();
  }

  @Test
  void aCopyAnotherInstanceStoredAfterTheDuplicateCheck_rollsTheGroupBack_andIsADuplicate()
      throws Exception {
    CompletionStage<Result> first = holdTheWriterInsideATransactionWith("S0");
    String s2Key = notification("S2").dedupeKey();
    inbox.afterDedupeCheck = () -> inbox.storedElsewhere.add(s2Key);
    CompletionStage<Result> one = submit("S1");
    CompletionStage<Result> two = submit("S2");

    release.countDown();
    get(first);

    assertThat(get(one).duplicate()).isFalse();
    assertThat(get(two).duplicate()).isTrue();
    assertThat(inbox.rows).hasSize(2); // S0 and S1; S2 is the other instance's
    assertThat(inbox.rows.values()).extracting(InboxEntry::dedupeKey).doesNotContain(s2Key);
    assertThat(fannedOut).hasSize(2);
  }

  @Test
  void databaseDown_everyNotificationOfTheGroupFails_andNothingIsStored() throws Exception {
    CompletionStage<Result> first = holdTheWriterInsideATransactionWith("S0");
    List<CompletionStage<Result>> group = List.of(submit("S1"), submit("S2"));
    inbox.down = true;

    release.countDown();

    for (CompletionStage<Result> s : List.of(first, group.get(0), group.get(1))) {
      CompletableFuture<Result> f = s.toCompletableFuture();
      assertThat(f).failsWithin(5, TimeUnit.SECONDS);
    }
    inbox.down = false;
    assertThat(inbox.rows).isEmpty();
    // QFPay sends them again: then they are stored
    assertThat(get(submit("S1")).verdict()).isEqualTo(Verdict.ACCEPTED);
    assertThat(inbox.rows).hasSize(1);
  }

  @Test
  void aRejectedNotification_isStoredOnTheBlockingExecutor_notQueuedForTheWriter()
      throws Exception {
    Result r = get(groupCommit.submit(body("S1"), headers(sign("S9")), "a"));

    assertThat(r.verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(blockingTasks.get()).isEqualTo(1);
    assertThat(inbox.rows.get(r.entryId()).status()).isEqualTo(InboxStatus.REJECTED);
    assertThat(inbox.groupSizes).isEmpty();
  }

  @Test
  void withoutWriters_andAfterClose_notificationsAreStoredAloneOnTheBlockingExecutor()
      throws Exception {
    groupCommit.close(5_000);
    assertThat(get(submit("S1")).verdict()).isEqualTo(Verdict.ACCEPTED);
    groupCommit = new GroupCommit(intake, blocking, new GroupCommit.Settings(0, 64, 100));
    assertThat(get(submit("S2")).verdict()).isEqualTo(Verdict.ACCEPTED);

    assertThat(blockingTasks.get()).isEqualTo(2);
    assertThat(inbox.rows).hasSize(2);
    assertThat(inbox.groupSizes).isEmpty();
  }

  @Test
  void storingFirstAndApplyingAfterTheCommit_storesTheGroupVerified_thenAppliesEach()
      throws Exception {
    groupCommit.close(5_000);
    NotificationIntake storeFirst = intake(() -> fixture.ring, false);
    List<InboxStatus> statusesWhenApplied = new CopyOnWriteArrayList<>();
    applier =
        n -> {
          inbox.rows.values().stream()
              .filter(e -> e.syssnRef().equals(n.syssn()))
              .forEach(e -> statusesWhenApplied.add(e.status()));
          applied.add(n);
          return new ApplyResult.Applied("pay_" + n.syssn(), "settled");
        };
    groupCommit = new GroupCommit(storeFirst, blocking, new GroupCommit.Settings(1, 64, 100));
    CompletionStage<Result> first = holdTheWriterInsideATransactionWith("S0");
    List<CompletionStage<Result>> group = List.of(submit("S1"), submit("S2"), submit("S3"));

    release.countDown();
    get(first);

    for (CompletionStage<Result> s : group) {
      assertThat(inbox.rows.get(get(s).entryId()).status()).isEqualTo(InboxStatus.APPLIED);
    }
    assertThat(inbox.groupSizes).containsExactly(3);
    // each was applied after its group committed, so it was already stored VERIFIED
    assertThat(statusesWhenApplied).hasSize(4).containsOnly(InboxStatus.VERIFIED);
  }

  @Test
  void keysThatCannotBeRead_failTheStage_insteadOfThrowingAtTheCaller() {
    NotificationIntake noKeys =
        intake(
            () -> {
              throw new IllegalStateException("notification keys unavailable");
            },
            true);
    GroupCommit failing = new GroupCommit(noKeys, blocking, new GroupCommit.Settings(1, 8, 8));
    try {
      CompletionStage<Result> stage = failing.submit(body("S1"), headers(sign("S1")), "a");

      assertThat(stage.toCompletableFuture())
          .failsWithin(5, TimeUnit.SECONDS)
          .withThrowableThat()
          .withMessageContaining("notification keys unavailable");
      assertThat(inbox.rows).isEmpty();
    } finally {
      failing.close(5_000);
    }
  }

  // ---- helpers

  /** Submits one notification and waits until the writer holds its transaction open. */
  private CompletionStage<Result> holdTheWriterInsideATransactionWith(String syssn)
      throws InterruptedException {
    entered = new CountDownLatch(1);
    release = new CountDownLatch(1);
    CompletionStage<Result> first = submit(syssn);
    assertThat(entered.await(5, TimeUnit.SECONDS)).isTrue();
    return first;
  }

  private CompletionStage<Result> submit(String syssn) {
    return groupCommit.submit(body(syssn), headers(sign(syssn)), "a");
  }

  private static Result get(CompletionStage<Result> stage)
      throws InterruptedException, ExecutionException, java.util.concurrent.TimeoutException {
    return stage.toCompletableFuture().get(10, TimeUnit.SECONDS);
  }

  static byte[] body(String syssn) {
    return new String(NotificationIntakeTest.BODY, StandardCharsets.UTF_8)
        .replace("20250826155400087645770447", syssn)
        .getBytes(StandardCharsets.UTF_8);
  }

  static String sign(String syssn) {
    return NotificationSignature.sign(body(syssn), NotificationIntakeTest.key());
  }

  private QfpayNotification notification(String syssn) {
    return fixture.parser.parse(body(syssn));
  }

  private static void await(CountDownLatch latch) {
    try {
      if (!latch.await(10, TimeUnit.SECONDS)) {
        throw new IllegalStateException("gate never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}

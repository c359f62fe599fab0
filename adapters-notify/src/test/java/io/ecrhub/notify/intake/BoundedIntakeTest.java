package io.ecrhub.notify.intake;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.ecrhub.domain.notification.IngestNotification.Verdict;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The intake under a flood (ADR 0009): rejected requests are stored only as bounded samples (per
 * source and minute, per minute in all; the body cut to 2 KiB with the length and SHA-256 of the
 * whole), and the signature is checked before the body is parsed.
 */
class BoundedIntakeTest {
  final NotificationIntakeTest fixture = new NotificationIntakeTest();
  final InMemoryInbox inbox = fixture.inbox;
  final AtomicInteger ids = new AtomicInteger();
  final MutableClock clock = new MutableClock(Instant.parse("2026-12-06T10:00:05Z"));

  record Sample(String id, int length, String sha256) {}

  final List<Sample> samples = new CopyOnWriteArrayList<>();
  final InMemoryInbox recordingInbox =
      new InMemoryInbox() {
        @Override
        public void storeRejectedSample(InboxEntry entry, int bodyLength, String bodySha256) {
          samples.add(new Sample(entry.id(), bodyLength, bodySha256));
          super.storeRejectedSample(entry, bodyLength, bodySha256);
        }
      };

  NotificationIntake intake(InMemoryInbox into, RejectSampler sampler) {
    return new NotificationIntake(
        () -> fixture.ring,
        fixture.parser,
        into,
        fixture.uow,
        clock,
        () -> "n" + ids.incrementAndGet(),
        new InboxProcessor(into, fixture.parser, n -> fixture.applier.apply(n), Runnable::run),
        (e, n, now) -> {},
        false,
        sampler);
  }

  static long rejected(InMemoryInbox inbox) {
    return inbox.rows.values().stream().filter(e -> e.status() == InboxStatus.REJECTED).count();
  }

  static byte[] unsigned(int i) {
    return ("{\"notify_type\":\"payment\",\"syssn\":\"F" + i + "\",\"txamt\":\"100\"}")
        .getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void burstOfUnsignedBodies_fromOneSource_storesAtMostItsSamplesPerMinute() {
    NotificationIntake intake = intake(inbox, new RejectSampler(5, 100, clock));

    for (int i = 0; i < 50; i++) {
      NotificationIntake.Result r = intake.receive(unsigned(i), Map.of(), "198.51.100.7");
      assertThat(r.verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
      assertThat(r.entryId() != null).isEqualTo(i < 5);
    }
    assertThat(rejected(inbox)).isEqualTo(5);

    for (int i = 0; i < 10; i++) { // another sender has its own samples
      intake.receive(unsigned(i), Map.of(), "198.51.100.8");
    }
    assertThat(rejected(inbox)).isEqualTo(10);

    clock.advance(Duration.ofMinutes(1)); // the next minute samples again
    intake.receive(unsigned(99), Map.of(), "198.51.100.7");
    assertThat(rejected(inbox)).isEqualTo(11);
  }

  @Test
  void manySources_theMinuteCapHoldsForAllOfThemTogether() {
    NotificationIntake intake = intake(inbox, new RejectSampler(2, 20, clock));

    for (int source = 0; source < 40; source++) {
      for (int i = 0; i < 3; i++) {
        intake.receive(unsigned(i), Map.of(), "2001:db8::" + Integer.toHexString(source));
      }
    }

    assertThat(rejected(inbox)).isEqualTo(20);
  }

  @Test
  void badSignatureSamplesAndMalformedSignedBodies_shareTheBudget() {
    NotificationIntake intake = intake(inbox, new RejectSampler(3, 100, clock));
    String wrong = NotificationSignature.sign(unsigned(1), NotificationKey.of("not_our_key"));

    for (int i = 0; i < 10; i++) {
      assertThat(intake.receive(unsigned(1), NotificationIntakeTest.headers(wrong), "a").verdict())
          .isEqualTo(Verdict.BAD_SIGNATURE);
    }

    assertThat(rejected(inbox)).isEqualTo(3);
  }

  @Test
  void aSample_keepsTheFirst2KiB_withTheLengthAndSha256OfTheWholeBody() throws Exception {
    NotificationIntake intake = intake(recordingInbox, new RejectSampler(10, 100, clock));
    byte[] big = ("{\"pad\":\"" + "x".repeat(60_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    NotificationIntake.Result r = intake.receive(big, Map.of(), "a");

    InboxEntry stored = recordingInbox.rows.get(r.entryId());
    assertThat(stored.rawBody()).hasSize(NotificationIntake.SAMPLE_BODY_BYTES);
    assertThat(stored.rawBody()).isEqualTo(java.util.Arrays.copyOf(big, 2048));
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(big));
    assertThat(samples).containsExactly(new Sample(r.entryId(), big.length, sha256));
    assertThat(stored.note())
        .contains("no X-QF-SIGN header")
        .contains(big.length + " bytes")
        .contains(sha256);
  }

  @Test
  void unsignedOrBadlySignedGarbage_isABadSignature_theBodyIsNotParsedFirst() {
    NotificationIntake intake = intake(inbox, new RejectSampler(10, 100, clock));
    byte[] garbage = "\u0000not json at all {{{".getBytes(StandardCharsets.UTF_8);

    assertThat(intake.receive(garbage, Map.of(), "a").verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(
            intake.receive(garbage, NotificationIntakeTest.headers("0".repeat(32)), "a").verdict())
        .isEqualTo(Verdict.BAD_SIGNATURE);
    NotificationIntake.Result notHex =
        intake.receive(garbage, NotificationIntakeTest.headers("not-a-signature"), "a");
    assertThat(notHex.verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
    assertThat(notHex.reason()).contains("hex digits");
  }

  @Test
  void signedGarbage_isStillMalformed() {
    NotificationIntake intake = intake(inbox, new RejectSampler(10, 100, clock));
    byte[] garbage = "{\"notify_type\":".getBytes(StandardCharsets.UTF_8);

    NotificationIntake.Result r =
        intake.receive(
            garbage,
            NotificationIntakeTest.headers(
                NotificationSignature.sign(garbage, NotificationSignatureTest.KEY)),
            "a");

    assertThat(r.verdict()).isEqualTo(Verdict.MALFORMED);
  }

  @Test
  void signedBodiesWithAbsurdNumbers_areMalformed() {
    NotificationIntake intake = intake(inbox, new RejectSampler(10, 100, clock));
    for (String txamt :
        List.of(
            "1e999999999",
            "\"1e999999999\"",
            "\"" + "9".repeat(10_000) + "\"",
            "\"1" + "0".repeat(10_000) + "\"",
            "1E-999999999")) {
      byte[] body =
          ("{\"notify_type\":\"payment\",\"syssn\":\"ABS1\",\"txamt\":" + txamt + "}")
              .getBytes(StandardCharsets.UTF_8);
      NotificationIntake.Result r =
          intake.receive(
              body,
              NotificationIntakeTest.headers(
                  NotificationSignature.sign(body, NotificationSignatureTest.KEY)),
              "a");
      assertThat(r.verdict())
          .as(txamt.substring(0, Math.min(20, txamt.length())))
          .isEqualTo(Verdict.MALFORMED);
    }
  }

  /**
   * The intake's own executor is its budget: when its thread is busy and its queue full, a
   * notification that must be stored fails with {@link GroupCommit.Busy} (the endpoint answers 503
   * with Retry-After, QFPay retries) and a rejected one is answered without its sample; nothing
   * waits for a thread outside the budget.
   */
  @Test
  void fullIntakeExecutor_storingIsBusy_andARejectedRequestIsAnsweredWithoutItsSample()
      throws Exception {
    ThreadPoolExecutor pool =
        new ThreadPoolExecutor(1, 1, 1, TimeUnit.MINUTES, new ArrayBlockingQueue<>(1));
    CountDownLatch hold = new CountDownLatch(1);
    GroupCommit groupCommit =
        new GroupCommit(
            intake(inbox, new RejectSampler(10, 100, clock)),
            pool,
            new GroupCommit.Settings(0, 64, 10));
    try {
      pool.execute(() -> awaitQuietly(hold)); // the one thread is busy
      pool.execute(() -> {}); // and the queue is full

      CompletableFuture<NotificationIntake.Result> verified =
          groupCommit
              .submit(
                  NotificationIntakeTest.BODY,
                  NotificationIntakeTest.headers(NotificationIntakeTest.SIGN),
                  "a")
              .toCompletableFuture();
      assertThatThrownBy(verified::join).hasCauseInstanceOf(GroupCommit.Busy.class);

      NotificationIntake.Result unsigned =
          groupCommit.submit(unsigned(1), Map.of(), "a").toCompletableFuture().join();
      assertThat(unsigned.verdict()).isEqualTo(Verdict.BAD_SIGNATURE);
      assertThat(unsigned.entryId()).isNull();
      assertThat(inbox.rows).isEmpty();

      hold.countDown(); // a free thread: QFPay's retry is stored
      NotificationIntake.Result retried =
          awaitStored(
              () ->
                  groupCommit.submit(
                      NotificationIntakeTest.BODY,
                      NotificationIntakeTest.headers(NotificationIntakeTest.SIGN),
                      "a"));
      assertThat(retried.verdict()).isEqualTo(Verdict.ACCEPTED);
      assertThat(inbox.rows).hasSize(1);
    } finally {
      hold.countDown();
      groupCommit.close(1_000);
      pool.shutdownNow();
    }
  }

  private static NotificationIntake.Result awaitStored(
      java.util.function.Supplier<java.util.concurrent.CompletionStage<NotificationIntake.Result>>
          submit)
      throws InterruptedException {
    for (int i = 0; i < 500; i++) {
      try {
        return submit.get().toCompletableFuture().join();
      } catch (java.util.concurrent.CompletionException e) {
        if (!(e.getCause() instanceof GroupCommit.Busy)) {
          throw e;
        }
        Thread.sleep(10); // the queued task has not left yet
      }
    }
    throw new AssertionError("the intake stayed busy");
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

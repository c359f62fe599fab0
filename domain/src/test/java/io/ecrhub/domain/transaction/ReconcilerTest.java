package io.ecrhub.domain.transaction;

import static io.ecrhub.domain.transaction.Harness.pay;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.DeclineReason;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalCommand.Pay;
import io.ecrhub.domain.terminal.TerminalCommand.Query;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import io.ecrhub.domain.testing.PaymentFixture;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
  private final Harness h = new Harness();

  /** A payment whose answer was lost: UNKNOWN, first query due 5 s later. */
  private Payment lostAnswer() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.channel.release(Pay.class, new TerminalOutcome.OutcomeUnknown("read timed out"));
    return h.payment(p.id());
  }

  private static TerminalOutcome found(Payment p, String status) {
    return new TerminalOutcome.Approved(
        Harness.approvedReport("20260302000000000099", p.outTradeNo().value(), status));
  }

  @Test
  void restartedInstance_releasesItsOwnLeasesAndReconcilesItsInterruptedPaymentAtOnce() {
    Payment p = h.service.start(pay("10.50", Channel.CARD_PAYMENT));
    // another instance's payment on another terminal keeps its lease
    h.leases.tryAcquire(
        io.ecrhub.domain.terminal.TerminalId.of("till-9"),
        "hub-b:pay_other",
        h.settings.exchangeBound(),
        h.clock.instant());
    h.clock.advance(Duration.ofSeconds(10));
    h.channel.reply(Query.class, found(p, "0000"));
    assertThat(h.reconciler.reconcileDue()).as("the lease still says in flight").isZero();

    // the hub restarts with the same instance id; the terminal answer was never applied
    assertThat(h.reconciler.releaseLeasesOfEarlierRun()).isEqualTo(1);
    assertThat(h.reconciler.reconcileDue()).isEqualTo(1);

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.eventTypes(p.id().value())).endsWith("payment.unknown", "payment.succeeded");
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
    assertThat(h.lease(io.ecrhub.domain.terminal.TerminalId.of("till-9"))).isPresent();
    assertThat(h.clock.instant())
        .isBefore(p.sentAt().orElseThrow().plus(h.settings.exchangeBound()));
  }

  @Test
  void unknownPayment_isNotQueriedBeforeItsFirstAttemptIsDue() {
    lostAnswer();
    h.clock.advance(Duration.ofSeconds(4));

    assertThat(h.reconciler.reconcileDue()).isZero();
    assertThat(h.channel.count(Query.class)).isZero();
  }

  @Test
  void outcomeUnknownThenQuerySaysSucceeded_settlesSucceededWithoutResending() {
    Payment p = lostAnswer();
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.reply(Query.class, found(p, "0000"));

    assertThat(h.reconciler.reconcileDue()).isEqualTo(1);

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(done.syssn()).contains(Syssn.of("20260302000000000099"));
    assertThat(done.nextReconcileAt()).isEmpty();
    Query q = h.channel.commands(Query.class).get(0);
    assertThat(q.outTradeNo()).isEqualTo(p.outTradeNo());
    assertThat(q.syssn()).isNull();
    assertThat(h.channel.last(Query.class).insideTransaction()).isFalse();
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
    assertThat(h.eventTypes(p.id().value())).endsWith("payment.unknown", "payment.succeeded");
  }

  @Test
  void queryWithoutAStatusCode_countsAsSucceeded() {
    Payment p = lostAnswer();
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.reply(Query.class, found(p, null));

    h.reconciler.reconcileDue();

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void queryShowingAPendingStatus_isNotAnAnswer() {
    Payment p = lostAnswer();
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.reply(Query.class, found(p, "1145"));

    assertThat(h.reconciler.reconcileDue()).isZero();

    Payment still = h.payment(p.id());
    assertThat(still.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(still.reconcileAttempts()).isEqualTo(1);
    assertThat(still.nextReconcileAt()).contains(h.clock.instant().plusSeconds(15));
  }

  @Test
  void queryShowingAFailedStatus_settlesDeclined() {
    Payment p = lostAnswer();
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.reply(Query.class, found(p, "1136"));

    h.reconciler.reconcileDue();

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(done.failureCode()).contains("1136");
  }

  @Test
  void queryAnsweringAboutAnotherTransaction_isNotAnAnswer() {
    Payment p = lostAnswer();
    h.clock.advance(Duration.ofSeconds(5));
    h.channel.reply(
        Query.class,
        new TerminalOutcome.Approved(Harness.approvedReport("s-other", "EHsomeone-else", "0000")));

    h.reconciler.reconcileDue();

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void notFoundWhileTheTerminalMayStillWait_staysUnknown_andAfterTheWindowIsDeclined() {
    // the fixture's app (4.34.12) answers queries by out_trade_no; the inbox is empty
    Payment p = lostAnswer();
    h.channel.replyAlways(Query.class, new TerminalOutcome.NotFound("no such order", "6002"));
    h.clock.advance(Duration.ofSeconds(5));

    h.reconciler.reconcileDue();
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);

    h.clock.set(p.sentAt().orElseThrow().plus(h.settings.exchangeBound()));
    h.reconciler.reconcileNow(p.id());
    assertThat(h.payment(p.id()).status())
        .as("exactly at the end of the window it may still be finishing")
        .isEqualTo(TransactionStatus.UNKNOWN);

    h.clock.advance(Duration.ofSeconds(1));
    h.reconciler.reconcileNow(p.id());

    Payment done = h.payment(p.id());
    assertThat(done.status()).isEqualTo(TransactionStatus.DECLINED);
    assertThat(done.failureReason()).contains(DeclineReason.NOT_FOUND_ON_TERMINAL);
    assertThat(h.channel.count(Pay.class)).isEqualTo(1);
  }

  @Test
  void queriesThatGetNoAnswer_backOffAsScheduled() {
    Payment p = lostAnswer();
    Instant sent = p.sentAt().orElseThrow();
    h.channel.replyAlways(
        Query.class, new TerminalOutcome.NotSent(NotSentCause.CONNECT_FAILED, "x"));

    Instant t = sent.plusSeconds(5);
    for (Duration expected :
        new Duration[] {
          Duration.ofSeconds(15),
          Duration.ofSeconds(30),
          Duration.ofMinutes(1),
          Duration.ofMinutes(2)
        }) {
      h.clock.set(t);
      h.reconciler.reconcileDue();
      Payment now = h.payment(p.id());
      assertThat(now.nextReconcileAt()).contains(t.plus(expected));
      t = now.nextReconcileAt().orElseThrow();
    }
    assertThat(h.payment(p.id()).reconcileAttempts()).isEqualTo(4);
    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.UNKNOWN);
  }

  @Test
  void after24Hours_itStaysUnknownFlaggedForReviewAndIsNoLongerDue() {
    Payment p = lostAnswer();
    h.channel.replyAlways(Query.class, new TerminalOutcome.OutcomeUnknown("timeout"));

    h.clock.set(p.sentAt().orElseThrow().plus(Duration.ofHours(24)));
    h.reconciler.reconcileDue();

    Payment flagged = h.payment(p.id());
    assertThat(flagged.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(flagged.reviewNote()).hasValueSatisfying(n -> assertThat(n).contains("24 h"));
    assertThat(flagged.nextReconcileAt()).isEmpty();
    int queries = h.channel.count(Query.class);

    h.clock.advance(Duration.ofDays(3));
    h.reconciler.reconcileDue();
    assertThat(h.channel.count(Query.class)).isEqualTo(queries);

    h.channel.reply(Query.class, found(p, "0000"));
    assertThat(h.reconciler.reconcileNow(p.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void inProgressWhileItsLeaseIsHeld_isLeftAlone() {
    Payment p = h.service.start(pay("10.50", Channel.WX));
    h.advanceRenewing(Duration.ofSeconds(30));

    h.reconciler.reconcileDue();

    assertThat(h.payment(p.id()).status()).isEqualTo(TransactionStatus.IN_PROGRESS);
    assertThat(h.channel.count(Query.class)).isZero();
  }

  @Test
  void inProgressAfterARestart_becomesUnknownAndIsQueried() {
    Payment orphan =
        h.store(
            PaymentFixture.builder()
                .status(TransactionStatus.IN_PROGRESS)
                .sentAt(h.clock.instant().minusSeconds(600))
                .build());
    h.channel.reply(Query.class, found(orphan, "0000"));

    assertThat(h.reconciler.reconcileDue()).isEqualTo(1);

    assertThat(h.payment(orphan.id()).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.events.about(orphan.id().value()))
        .extracting(e -> ((TransactionEvent) e).reason())
        .contains(Reconciler.HUB_RESTARTED);
    assertThat(h.channel.count(Pay.class)).isZero();
  }

  @Test
  void inProgressAfterARestartWithoutAnAnswer_staysUnknown() {
    Payment orphan = h.store(PaymentFixture.inStatus(TransactionStatus.IN_PROGRESS));
    h.channel.reply(Query.class, new TerminalOutcome.OutcomeUnknown("timeout"));

    h.reconciler.reconcileDue();

    Payment p = h.payment(orphan.id());
    assertThat(p.status()).isEqualTo(TransactionStatus.UNKNOWN);
    assertThat(p.failureMessage()).contains(Reconciler.HUB_RESTARTED);
  }

  @Test
  void whileTheTerminalWorksOnAnotherPayment_theQueryWaits() {
    Payment lost = lostAnswer();
    h.service.start(pay("20.00", Channel.WX));
    h.clock.advance(Duration.ofSeconds(10));

    h.reconciler.reconcileDue();

    assertThat(h.channel.count(Query.class)).isZero();
    assertThat(h.payment(lost.id()).reconcileAttempts()).isZero();
  }

  @Test
  void reconcileNow_queriesAtOnceEvenIfNotDue() {
    Payment p = lostAnswer();
    h.channel.reply(Query.class, found(p, "0000"));

    Payment done = h.reconciler.reconcileNow(p.id());

    assertThat(done.status()).isEqualTo(TransactionStatus.SUCCEEDED);
  }

  @Test
  void reconcileNow_whileTheScheduledPassIsQueryingIt_waitsForThatQueryInsteadOfAnswerUnknown()
      throws Exception {
    Payment p = lostAnswer();
    h.clock.advance(Duration.ofSeconds(5));
    CompletableFuture<Integer> scheduled =
        CompletableFuture.supplyAsync(h.reconciler::reconcileDue);
    awaitUntil(() -> h.channel.count(Query.class) == 1);

    CompletableFuture<Payment> forced =
        CompletableFuture.supplyAsync(() -> h.reconciler.reconcileNow(p.id()));
    Thread.sleep(200); // gives a wrongly overlapping forced attempt time to send or to answer
    assertThat(forced).as("waits for the scheduled query").isNotDone();
    h.channel.release(Query.class, found(p, "0000"));

    assertThat(forced.get(10, TimeUnit.SECONDS).status()).isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(scheduled.get(10, TimeUnit.SECONDS)).isEqualTo(1);
    assertThat(h.channel.count(Query.class)).as("one query for both").isEqualTo(1);
  }

  private static void awaitUntil(java.util.function.BooleanSupplier condition)
      throws InterruptedException {
    long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("condition not reached within 30 s");
      }
      Thread.sleep(5);
    }
  }

  @Test
  void reconcileNow_onASettledPayment_changesNothingAndSendsNothing() {
    Payment done = h.store(PaymentFixture.succeeded());

    assertThat(h.reconciler.reconcileNow(done.id()).status())
        .isEqualTo(TransactionStatus.SUCCEEDED);
    assertThat(h.channel.sent()).isEmpty();
  }

  @Test
  void reconcileNow_unknownPayment_isNotFound() {
    assertThatThrownBy(() -> h.reconciler.reconcileNow(new PaymentId("pay_none")))
        .isInstanceOf(NotFoundException.class);
  }

  @Test
  void disabledTerminal_isNotQueriedButTheAttemptCounts() {
    Payment p = lostAnswer();
    var t = h.terminal();
    t.disable(h.clock.instant());
    h.terminals.save(t);
    h.clock.advance(Duration.ofSeconds(5));

    h.reconciler.reconcileDue();

    assertThat(h.channel.count(Query.class)).isZero();
    assertThat(h.payment(p.id()).reconcileAttempts()).isEqualTo(1);
  }
}

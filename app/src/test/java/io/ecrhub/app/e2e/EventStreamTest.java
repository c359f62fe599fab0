package io.ecrhub.app.e2e;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.events.StoredEvent;
import io.ecrhub.app.events.TransactionEventLog;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.app.support.SseClient;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionEvent;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Server-Sent Events of payments and terminals, resumable with Last-Event-ID. */
@QuarkusTest
class EventStreamTest {
  private final SimulatedTerminal sim = SimulatorResource.terminal(2);

  @TestHTTPResource("/")
  URI base;

  @Inject Payments payments;
  @Inject EventPublisher events;
  @Inject TransactionEventLog log;

  @AfterEach
  void reset() {
    sim.setCardWait(Duration.ZERO);
  }

  @Test
  void paymentStream_deliversEveryStateChange_andResumesAfterLastEventId() throws Exception {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String id = startPayment(terminal, "5.55", "card_payment");

    List<SseClient.Event> firstPart;
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/payments/" + id + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      firstPart = stream.until("payment.in_progress");
      await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
      sim.presentCard();
      SseClient.Event succeeded = stream.next();
      assertThat(succeeded.name()).isEqualTo("payment.succeeded");
      assertThat(succeeded.data())
          .contains("\"paymentId\":\"" + id + "\"")
          .contains("\"to\":\"SUCCEEDED\"");
      assertThat(Long.parseLong(succeeded.id()))
          .isGreaterThan(Long.parseLong(firstPart.get(firstPart.size() - 1).id()));
    }
    assertThat(firstPart).extracting(SseClient.Event::name).startsWith("payment.pending");

    String afterInProgress = firstPart.get(firstPart.size() - 1).id();
    try (SseClient resumed =
        SseClient.open(
            base.resolve("api/v1/payments/" + id + "/events"), ADMIN_KEY, afterInProgress)) {
      SseClient.Event next = resumed.next();
      assertThat(next.name()).isEqualTo("payment.succeeded");
    }
  }

  @Test
  void terminalStream_deliversTheEventsOfPaymentsOnThatTerminal() throws Exception {
    String terminal = registerSimulated(sim, null);
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/terminals/" + terminal + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      String id = startPayment(terminal, "2.22", "wx");
      List<SseClient.Event> events = stream.until("payment.succeeded");
      assertThat(events).allSatisfy(e -> assertThat(e.data()).contains(id));
      // live delivery keeps the order of the log, also for the two events of one transaction
      assertThat(events)
          .extracting(SseClient.Event::name)
          .containsExactly("payment.pending", "payment.in_progress", "payment.succeeded");
      assertThat(events)
          .extracting(e -> Long.parseLong(e.id()))
          .isSortedAccordingTo(Comparator.naturalOrder());
      awaitPaymentStatus(id, "SUCCEEDED");
    }
  }

  /**
   * A transaction that publishes its events first but commits after another one (X, then Y
   * publishes and commits, then X commits): its events get the higher ids, since ids are allocated
   * in commit order (ADR 0025). A live stream gets Y's then X's events, and a client that resumes
   * after Y's last event still gets X's (with ids allocated at insert, X's were below Y's, and the
   * resumed stream never sent them: the gap ADR 0005 admitted).
   */
  @Test
  void lateCommit_getsTheHigherIds_andAStreamResumedAfterTheEarlierCommitStillGetsIt()
      throws Exception {
    String terminal = Api.createTerminal(Api.unique("s"));
    Payment early = newPayment(terminal);
    Payment late = newPayment(terminal);
    URI events = base.resolve("api/v1/terminals/" + terminal + "/events");
    ExecutorService pool = Executors.newSingleThreadExecutor();
    List<SseClient.Event> first;
    try (SseClient stream = SseClient.open(events, ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      CountDownLatch written = new CountDownLatch(1);
      CountDownLatch commit = new CountDownLatch(1);
      Future<?> earlyTx =
          pool.submit(
              () ->
                  QuarkusTransaction.requiringNew()
                      .run(
                          () -> {
                            payments.save(early);
                            early.drainEvents().forEach(this.events::publish);
                            written.countDown();
                            awaitLatch(commit);
                          }));
      assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                payments.save(late);
                late.drainEvents().forEach(this.events::publish);
              });

      first = List.of(stream.next(), stream.next(), stream.next());
      assertThat(first).allSatisfy(e -> assertThat(e.data()).contains(late.id().value()));
      commit.countDown();
      earlyTx.get(30, TimeUnit.SECONDS);

      List<SseClient.Event> second = List.of(stream.next(), stream.next(), stream.next());
      assertThat(second).allSatisfy(e -> assertThat(e.data()).contains(early.id().value()));
      assertThat(Long.parseLong(second.get(0).id()))
          .as("the transaction that committed last has the higher ids")
          .isGreaterThan(Long.parseLong(first.get(2).id()));
    } finally {
      pool.shutdownNow();
    }

    String afterLate = first.get(2).id();
    assertThat(log.forTerminal(TerminalId.of(terminal), Long.parseLong(afterLate), 10))
        .as("the log after the earlier commit's last id holds the late commit's events")
        .extracting(e -> e.event().paymentId())
        .containsExactly(early.id().value(), early.id().value(), early.id().value());
    try (SseClient resumed = SseClient.open(events, ADMIN_KEY, afterLate)) {
      List<SseClient.Event> got = List.of(resumed.next(), resumed.next(), resumed.next());
      assertThat(got)
          .extracting(SseClient.Event::name)
          .containsExactly("payment.pending", "payment.in_progress", "payment.succeeded");
      assertThat(got).allSatisfy(e -> assertThat(e.data()).contains(early.id().value()));
    }
  }

  /**
   * Events that reach the log without the after-commit hand-over (written to the log directly)
   * still reach a stream, in id order: found by the read of the log after the high-water mark
   * (signalled for other instances, see {@code EventLogAcrossInstancesTest}; here the fallback
   * poll).
   */
  @Test
  void terminalStream_deliversEventsFoundOnlyInTheLog() throws Exception {
    String terminal = Api.createTerminal(Api.unique("s"));
    Payment p = newPayment(terminal);
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/terminals/" + terminal + "/events"), ADMIN_KEY, null)) {
      assertThat(stream.status()).isEqualTo(200);
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                payments.save(p);
                log.appendAll(p.drainEvents());
              });
      List<SseClient.Event> got = List.of(stream.next(), stream.next(), stream.next());
      assertThat(got)
          .extracting(SseClient.Event::name)
          .containsExactly("payment.pending", "payment.in_progress", "payment.succeeded");
      assertThat(got)
          .extracting(e -> Long.parseLong(e.id()))
          .isSortedAccordingTo(Comparator.naturalOrder());
    }
  }

  /** A change's events written with one statement keep their order, fields and ids. */
  @Test
  void log_appendAll_storesTheEventsOfOneChangeInOrder() {
    String terminal = Api.createTerminal(Api.unique("s"));
    Payment p = newPayment(terminal);
    List<TransactionEvent> written = p.drainEvents();
    assertThat(written).hasSize(3);
    long[] ids =
        QuarkusTransaction.requiringNew()
            .call(
                () -> {
                  payments.save(p);
                  return log.appendAll(written);
                });

    assertThat(ids).hasSize(3);
    assertThat(ids[0]).isLessThan(ids[1]);
    assertThat(ids[1]).isLessThan(ids[2]);
    List<StoredEvent> stored = log.forPayment(p.id(), 0, 10);
    assertThat(stored).extracting(StoredEvent::id).containsExactly(ids[0], ids[1], ids[2]);
    assertThat(stored)
        .extracting(StoredEvent::event)
        .usingRecursiveComparison()
        .withComparatorForType(
            (a, b) -> a.truncatedTo(ChronoUnit.MICROS).compareTo(b.truncatedTo(ChronoUnit.MICROS)),
            Instant.class)
        .isEqualTo(written);
  }

  private static void awaitLatch(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("not released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  private static Payment newPayment(String terminal) {
    Instant now = Instant.now();
    String raw = Api.unique("");
    Payment p =
        Payment.create(
            new Payment.Facts(
                new PaymentId("pay_" + raw),
                TerminalId.of(terminal),
                Money.of("1.10", "HKD"),
                Channel.WX,
                OutTradeNo.of("EHES" + raw),
                null,
                null,
                "fp"),
            now);
    p.markInProgress(now);
    // final, so the reconciliation job leaves it alone (it has no lease)
    p.succeed(Syssn.of("ES" + raw), "test", null, false, now);
    return p;
  }

  @Test
  void streamOfAnUnknownPayment_is404_andWithoutKey_is401() throws Exception {
    try (SseClient s =
        SseClient.open(base.resolve("api/v1/payments/pay_unknown/events"), ADMIN_KEY, null)) {
      assertThat(s.status()).isEqualTo(404);
    }
    try (SseClient s =
        SseClient.open(base.resolve("api/v1/payments/pay_unknown/events"), "nope", null)) {
      assertThat(s.status()).isEqualTo(401);
    }
  }
}

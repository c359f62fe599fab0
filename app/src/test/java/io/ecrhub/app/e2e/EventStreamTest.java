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
import java.util.function.Consumer;
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
   * Events are stored in the transaction of their change, so a lower id can commit after a higher
   * one: the stream still delivers it (this instance's events are handed over after the commit).
   */
  @Test
  void terminalStream_deliversAnEventThatCommitsAfterALaterOne() throws Exception {
    eventCommittingAfterALaterOne(events::publish);
  }

  /**
   * The same for another instance's events, which this instance only sees in the log: the
   * once-a-second pass re-reads below what it delivered recently and finds the late one.
   */
  @Test
  void terminalStream_deliversAnotherInstancesEventThatCommitsAfterALaterOne() throws Exception {
    eventCommittingAfterALaterOne(log::append);
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

  private void eventCommittingAfterALaterOne(Consumer<TransactionEvent> writer) throws Exception {
    String terminal = Api.createTerminal(Api.unique("s"));
    Payment early = newPayment(terminal);
    Payment late = newPayment(terminal);
    ExecutorService pool = Executors.newSingleThreadExecutor();
    try (SseClient stream =
        SseClient.open(base.resolve("api/v1/terminals/" + terminal + "/events"), ADMIN_KEY, null)) {
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
                            early.drainEvents().forEach(writer);
                            written.countDown();
                            awaitLatch(commit);
                          }));
      assertThat(written.await(30, TimeUnit.SECONDS)).isTrue();
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                payments.save(late);
                late.drainEvents().forEach(writer);
              });

      List<SseClient.Event> first = List.of(stream.next(), stream.next(), stream.next());
      assertThat(first).allSatisfy(e -> assertThat(e.data()).contains(late.id().value()));
      commit.countDown();
      earlyTx.get(30, TimeUnit.SECONDS);

      List<SseClient.Event> second = List.of(stream.next(), stream.next(), stream.next());
      assertThat(second).allSatisfy(e -> assertThat(e.data()).contains(early.id().value()));
      assertThat(Long.parseLong(second.get(0).id()))
          .as("the early transaction's ids are lower")
          .isLessThan(Long.parseLong(first.get(0).id()));
    } finally {
      pool.shutdownNow();
    }
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
            new PaymentId("pay_" + raw),
            TerminalId.of(terminal),
            Money.of("1.10", "HKD"),
            Channel.WX,
            OutTradeNo.of("EHES" + raw),
            null,
            null,
            "fp",
            now);
    p.markInProgress(now);
    // final, so the reconciliation job leaves it alone (it has no lease)
    p.succeed(Syssn.of("ES" + raw), null, null, "test", now);
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

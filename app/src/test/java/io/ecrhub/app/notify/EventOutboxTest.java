package io.ecrhub.app.notify;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.events.StoredEvent;
import io.ecrhub.app.events.TransactionEventLog;
import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.OutTradeNo;
import io.ecrhub.domain.terminal.Syssn;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.Payments;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Events are a transactional outbox: the SSE event log row and the hub-event webhook outbox row are
 * written in the transaction that makes the state change, so a rollback leaves neither and a commit
 * has both at once, without waiting for any background thread.
 */
@QuarkusTest
class EventOutboxTest {
  @Inject Payments payments;
  @Inject EventPublisher events;
  @Inject TransactionEventLog log;
  @Inject EntityManager em;

  private ReceiverStub receiver;
  private String subscription;

  @BeforeEach
  void subscribe() throws IOException {
    receiver = new ReceiverStub();
    subscription =
        admin()
            .body(
                Map.of(
                    "target",
                    receiver.url("/hub"),
                    "events",
                    List.of("payment.*"),
                    "format",
                    "hub-events",
                    "allowPrivateTarget",
                    true))
            .post("/api/v1/webhooks/subscriptions")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
  }

  @AfterEach
  void unsubscribe() {
    admin().delete("/api/v1/webhooks/subscriptions/" + subscription);
    receiver.close();
  }

  @Test
  void changeRolledBack_leavesNeitherTheEventNorTheWebhook() {
    Payment p = newPayment();

    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          payments.save(p);
                          p.drainEvents().forEach(events::publish);
                          throw new IllegalStateException("the change fails after publishing");
                        }))
        .hasMessageContaining("the change fails after publishing");

    assertThat(QuarkusTransaction.requiringNew().call(() -> payments.findById(p.id()))).isEmpty();
    assertThat(storedEvents(p.id())).isEmpty();
    assertThat(webhooksAbout(p.id())).isEmpty();
  }

  @Test
  void changeCommitted_hasTheEventAndTheWebhookAtOnce() {
    Payment p = newPayment();

    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              payments.save(p);
              p.drainEvents().forEach(events::publish);
            });

    // no waiting: both were written by the committing transaction itself
    assertThat(storedEvents(p.id()))
        .containsExactly("payment.pending", "payment.in_progress", "payment.succeeded");
    assertThat(webhooksAbout(p.id()))
        .containsExactlyInAnyOrder("payment.pending", "payment.in_progress", "payment.succeeded");
  }

  @Test
  void beforeTheCommit_noOtherTransactionSeesTheEventOrTheWebhook() {
    Payment p = newPayment();

    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              payments.save(p);
              p.drainEvents().forEach(events::publish);
              // another transaction (this one suspended meanwhile) sees nothing yet
              assertThat(storedEvents(p.id())).isEmpty();
              assertThat(webhooksAbout(p.id())).isEmpty();
            });

    assertThat(storedEvents(p.id())).hasSize(3);
    assertThat(webhooksAbout(p.id())).hasSize(3);
  }

  @Test
  void paymentThroughTheTerminal_succeededIsQueuedForWebhooksWhenItIsVisible() {
    String terminal = registerSimulated(SimulatorResource.terminal(0), null);
    String id = startPayment(terminal, "4.20", "alipay");

    await()
        .atMost(Duration.ofSeconds(60))
        .pollDelay(Duration.ZERO)
        .pollInterval(Duration.ofMillis(2))
        .until(
            () ->
                "SUCCEEDED"
                    .equals(admin().get("/api/v1/payments/" + id).then().extract().path("status")));

    assertThat(storedEvents(new PaymentId(id))).contains("payment.succeeded");
    assertThat(webhooksAbout(new PaymentId(id))).contains("payment.succeeded");
    await().atMost(Duration.ofSeconds(30)).until(() -> receiver.received.size() >= 3);
  }

  private static Payment newPayment() {
    Instant now = Instant.now();
    String raw = Api.unique("");
    Payment p =
        Payment.create(
            new Payment.Facts(
                new PaymentId("pay_" + raw),
                TerminalId.of("t-outbox"),
                Money.of("3.30", "HKD"),
                Channel.WX,
                OutTradeNo.of("EHOB" + raw),
                null,
                null,
                "fp"),
            now);
    p.markInProgress(now);
    // final, so the reconciliation job leaves it alone (it has no lease)
    p.succeed(Syssn.of(NotifyFixtures.syssn()), "test", null, false, now);
    return p;
  }

  /** Event types in the SSE event log for the payment, read in a transaction of its own. */
  private List<String> storedEvents(PaymentId id) {
    return QuarkusTransaction.requiringNew().call(() -> log.forPayment(id, 0, 100)).stream()
        .map(StoredEvent::event)
        .map(e -> e.type())
        .toList();
  }

  /** Event types of the webhook outbox rows about the payment, read in a transaction of its own. */
  private List<String> webhooksAbout(PaymentId id) {
    List<?> rows =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "SELECT event_type, body FROM webhook_outbox WHERE subscription_id = ?1")
                        .setParameter(1, subscription)
                        .getResultList());
    return rows.stream()
        .map(r -> (Object[]) r)
        .filter(r -> new String((byte[]) r[1], StandardCharsets.UTF_8).contains(id.value()))
        .map(r -> (String) r[0])
        .toList();
  }
}

package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.payment;
import static io.ecrhub.app.notify.NotifyFixtures.paymentBody;
import static io.ecrhub.app.notify.NotifyFixtures.postSigned;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.transaction.Payments;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.ecrhub.notify.delivery.StandardWebhookSigner;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Fan-out to consumers over real HTTP on loopback, from the durable outbox. */
@QuarkusTest
class WebhookDeliveryTest {
  static final String ODOO_KEY = "odoo-side-notification-key";
  @Inject Payments payments;
  @Inject UnitOfWork uow;
  @Inject EventPublisher events;
  final ReceiverStub odoo;

  WebhookDeliveryTest() throws IOException {
    odoo = new ReceiverStub();
  }

  @AfterEach
  void stop() {
    Api.admin()
        .get("/api/v1/webhooks/subscriptions")
        .then()
        .extract()
        .jsonPath()
        .getList("id", String.class)
        .forEach(id -> Api.admin().delete("/api/v1/webhooks/subscriptions/" + id));
    odoo.close();
  }

  @Test
  void odooBehindTheHub_getsTheBodyAsQfpaySentIt_reSignedSoItsControllerAccepts() throws Exception {
    subscribe("qfpay", Set.of("payment.succeeded"), ODOO_KEY, true);
    byte[] body = paymentBody(unique("ord-"), syssn(), "1050");

    postSigned(body).then().statusCode(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> odoo.received.size() == 1);
    ReceiverStub.Received got = odoo.received.get(0);
    assertThat(got.body()).isEqualTo(body);
    // Odoo's controller: md5(raw_body + notification_key.encode()).hexdigest().upper()
    MessageDigest md5 = MessageDigest.getInstance("MD5");
    md5.update(got.body());
    md5.update(ODOO_KEY.getBytes(StandardCharsets.UTF_8));
    assertThat(got.header("X-QF-SIGN"))
        .isEqualTo(HexFormat.of().withUpperCase().formatHex(md5.digest()));
  }

  @Test
  void consumerFailingTwiceThenSucceeding_isDeliveredOnTheThirdAttempt_withTheLogOfEachAttempt() {
    String sub = subscribe("qfpay", Set.of("payment.*"), ODOO_KEY, true);
    odoo.reply(500, "try later");
    odoo.reply(200, "not ok");
    odoo.reply(200, "SUCCESS");

    postSigned(paymentBody(unique("ord-"), syssn(), "100")).then().statusCode(200);

    String id =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> deliveryWithStatus(sub, "delivered"), d -> d != null);
    JsonPath detail =
        Api.admin()
            .get("/api/v1/webhooks/deliveries/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(detail.getList("attempts.httpStatus", Integer.class)).containsExactly(500, 200, 200);
    assertThat(detail.getList("attempts.success", Boolean.class))
        .containsExactly(false, false, true);
    assertThat(detail.getString("attempts[0].responseSnippet")).isEqualTo("try later");
    assertThat(odoo.received).hasSize(3);
  }

  @Test
  void exhaustedRetries_deadLetter_thenBulkReplayDelivers() {
    String sub = subscribe("qfpay", Set.of("*"), ODOO_KEY, true);
    for (int i = 0; i < 3; i++) {
      odoo.reply(503, "");
    }
    postSigned(paymentBody(unique("ord-"), syssn(), "100")).then().statusCode(200);
    String id =
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> deliveryWithStatus(sub, "dead_letter"), d -> d != null);

    Api.admin()
        .queryParam("subscriptionId", sub)
        .post("/api/v1/webhooks/deliveries/replay")
        .then()
        .statusCode(200)
        .body("replayed", equalTo(1));

    await()
        .atMost(Duration.ofSeconds(30))
        .until(() -> id.equals(deliveryWithStatus(sub, "delivered")));
    assertThat(odoo.received).hasSize(4);
  }

  @Test
  void hubEvents_areSignedPerStandardWebhooks_whenAnUnknownPaymentIsResolved() {
    String secret = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    subscribe("hub-events", Set.of("payment.unknown_resolved"), secret, true);
    String ref = unique("ord-");
    payment(payments, uow, events, ref, "2.00", TransactionStatus.UNKNOWN);

    postSigned(paymentBody(ref, syssn(), "200")).then().statusCode(200);

    await().atMost(Duration.ofSeconds(30)).until(() -> !odoo.received.isEmpty());
    ReceiverStub.Received got = odoo.received.get(0);
    String msgId = got.header("webhook-id");
    long ts = Long.parseLong(got.header("webhook-timestamp"));
    assertThat(got.header("webhook-signature"))
        .isEqualTo(StandardWebhookSigner.sign(msgId, ts, got.body(), WebhookSecret.of(secret)));
    JsonPath json = JsonPath.from(new String(got.body(), StandardCharsets.UTF_8));
    assertThat(json.getString("type")).isEqualTo("payment.succeeded");
    assertThat(json.getString("data.from")).isEqualTo("UNKNOWN");
  }

  @Test
  void privateTargets_areRefusedUnlessAnAdminAllowsThemExplicitly() {
    Api.admin()
        .body(
            Map.of(
                "target",
                odoo.url("/x"),
                "events",
                List.of("*"),
                "format",
                "qfpay",
                "secret",
                ODOO_KEY))
        .post("/api/v1/webhooks/subscriptions")
        .then()
        .statusCode(422)
        .body("code", equalTo("TARGET_REFUSED"));
  }

  @Test
  void generatedHubEventSecret_isShownOnlyOnce() {
    String id =
        Api.admin()
            .body(
                Map.of(
                    "target",
                    odoo.url("/h"),
                    "events",
                    List.of("refund.*"),
                    "format",
                    "hub-events",
                    "allowPrivateTarget",
                    true))
            .post("/api/v1/webhooks/subscriptions")
            .then()
            .statusCode(201)
            .body("secret", org.hamcrest.Matchers.startsWith("whsec_"))
            .extract()
            .path("id");
    Api.admin()
        .get("/api/v1/webhooks/subscriptions/" + id)
        .then()
        .statusCode(200)
        .body("secret", nullValue());
  }

  String subscribe(String format, Set<String> events, String secret, boolean allowPrivate) {
    return Api.admin()
        .body(
            Map.of(
                "target", odoo.url("/qfpay/notify"),
                "events", events,
                "format", format,
                "secret", secret,
                "allowPrivateTarget", allowPrivate))
        .post("/api/v1/webhooks/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }

  static String deliveryWithStatus(String subscriptionId, String status) {
    List<String> ids =
        Api.admin()
            .queryParam("subscriptionId", subscriptionId)
            .queryParam("status", status)
            .get("/api/v1/webhooks/deliveries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items.id", String.class);
    return ids.isEmpty() ? null : ids.get(0);
  }
}

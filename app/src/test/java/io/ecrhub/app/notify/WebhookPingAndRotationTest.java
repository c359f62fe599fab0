package io.ecrhub.app.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.persistence.jdbc.Jdbc;
import io.ecrhub.app.support.Api;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code webhook.test} ping and secret rotation over real sockets: a loopback consumer captures
 * what the hub sends and checks it with the verifier docs/webhooks.md shows.
 */
@QuarkusTest
class WebhookPingAndRotationTest {
  static final String SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
  @Inject DataSource dataSource;
  final ReceiverStub consumer;

  WebhookPingAndRotationTest() throws IOException {
    consumer = new ReceiverStub();
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
    consumer.close();
  }

  @Test
  void ping_sendsASignedWebhookTest_answersTheOutcome_andLogsItAsADelivery() throws Exception {
    String sub = subscribe("hub-events", SECRET, List.of("refund.succeeded"));

    JsonPath result = ping(sub);

    assertThat(result.getBoolean("success")).isTrue();
    assertThat(result.getInt("httpStatus")).isEqualTo(200);
    assertThat(result.getString("error")).isNull();
    assertThat(consumer.received).hasSize(1); // sent before the answer, whatever the filter
    ReceiverStub.Received got = consumer.received.get(0);
    assertThat(verifies(SECRET, got)).isTrue();
    assertThat(got.header("webhook-id")).isEqualTo(result.getString("deliveryId"));
    JsonPath body = JsonPath.from(new String(got.body(), StandardCharsets.UTF_8));
    assertThat(body.getString("type")).isEqualTo("webhook.test");
    assertThat(body.getString("data.id")).isEqualTo(sub);
    JsonPath logged =
        Api.admin()
            .get("/api/v1/webhooks/deliveries/" + result.getString("deliveryId"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(logged.getString("delivery.eventType")).isEqualTo("webhook.test");
    assertThat(logged.getString("delivery.status")).isEqualTo("delivered");
    assertThat(logged.getList("attempts.httpStatus", Integer.class)).containsExactly(200);
  }

  @Test
  void ping_thatTheConsumerRefuses_answers200WithTheOutcome_andIsNotRetried() {
    String sub = subscribe("hub-events", SECRET, List.of("*"));
    consumer.reply(401, "bad signature");

    JsonPath result = ping(sub);

    assertThat(result.getBoolean("success")).isFalse();
    assertThat(result.getInt("httpStatus")).isEqualTo(401);
    assertThat(result.getString("error")).isEqualTo("HTTP 401");
    assertThat(result.getString("responseSnippet")).isEqualTo("bad signature");
    Api.admin()
        .get("/api/v1/webhooks/deliveries/" + result.getString("deliveryId"))
        .then()
        .statusCode(200)
        .body("delivery.status", equalTo("dead_letter"))
        .body("delivery.attempts", equalTo(1));
  }

  @Test
  void ping_ofAnUnknownSubscription_is404() {
    Api.admin()
        .post("/api/v1/webhooks/subscriptions/sub_nobody/test")
        .then()
        .statusCode(404)
        .body("code", equalTo("SUBSCRIPTION_NOT_FOUND"));
    Api.admin()
        .post("/api/v1/webhooks/subscriptions/sub_nobody/rotate-secret")
        .then()
        .statusCode(404)
        .body("code", equalTo("SUBSCRIPTION_NOT_FOUND"));
  }

  @Test
  void rotation_signsWithBothSecretsDuringTheOverlap_thenOnlyWithTheNewOne() throws Exception {
    String sub = subscribe("hub-events", SECRET, List.of("*"));
    Instant before = Instant.now();

    JsonPath rotated =
        Api.admin()
            .post("/api/v1/webhooks/subscriptions/" + sub + "/rotate-secret")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();

    String fresh = rotated.getString("secret");
    assertThat(fresh).startsWith("whsec_").isNotEqualTo(SECRET);
    Instant until = Instant.parse(rotated.getString("previousSecretExpiresAt"));
    assertThat(until)
        .isBetween(before.plus(Duration.ofHours(24)), Instant.now().plus(Duration.ofHours(24)));
    Api.admin() // shown once: never again
        .get("/api/v1/webhooks/subscriptions/" + sub)
        .then()
        .statusCode(200)
        .body("secret", org.hamcrest.Matchers.nullValue())
        .body("previousSecretExpiresAt", org.hamcrest.Matchers.notNullValue());
    assertThat(sealedColumns(sub)).noneMatch(v -> v.contains(SECRET.substring(6)));
    assertThat(sealedColumns(sub)).noneMatch(v -> v.contains(fresh.substring(6)));

    assertThat(ping(sub).getBoolean("success")).isTrue();
    ReceiverStub.Received during = consumer.received.get(0);
    assertThat(during.header("webhook-signature").split(" ")).hasSize(2);
    assertThat(verifies(SECRET, during)).isTrue();
    assertThat(verifies(fresh, during)).isTrue();
    assertThat(verifies("whsec_" + "A".repeat(43) + "=", during)).isFalse();

    endOverlap(sub);
    assertThat(ping(sub).getBoolean("success")).isTrue();
    ReceiverStub.Received after = consumer.received.get(1);
    assertThat(after.header("webhook-signature").split(" ")).hasSize(1);
    assertThat(verifies(fresh, after)).isTrue();
    assertThat(verifies(SECRET, after)).isFalse();
    Api.admin()
        .get("/api/v1/webhooks/subscriptions/" + sub)
        .then()
        .body("previousSecretExpiresAt", org.hamcrest.Matchers.nullValue());
  }

  @Test
  void rotation_ofAQfpaySubscription_isRefused_itsKeyIsTheConsumers() {
    String sub = subscribe("qfpay", "odoo-side-notification-key", List.of("*"));

    Api.admin()
        .post("/api/v1/webhooks/subscriptions/" + sub + "/rotate-secret")
        .then()
        .statusCode(422)
        .body("code", equalTo("SECRET_ROTATION_UNSUPPORTED"));
  }

  @Test
  void patchingTheSecret_endsAnOverlap_theSetSecretSignsAlone() throws Exception {
    String sub = subscribe("hub-events", SECRET, List.of("*"));
    Api.admin()
        .post("/api/v1/webhooks/subscriptions/" + sub + "/rotate-secret")
        .then()
        .statusCode(200);
    String set = "whsec_" + "B".repeat(43) + "=";

    Api.admin()
        .body(Map.of("secret", set))
        .patch("/api/v1/webhooks/subscriptions/" + sub)
        .then()
        .statusCode(200)
        .body("previousSecretExpiresAt", org.hamcrest.Matchers.nullValue());

    ping(sub);
    ReceiverStub.Received got = consumer.received.get(0);
    assertThat(got.header("webhook-signature").split(" ")).hasSize(1);
    assertThat(verifies(set, got)).isTrue();
  }

  /** The overlap ends: as if its 24 hours had passed (the stored end moves into the past). */
  private void endOverlap(String sub) {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                new Jdbc(dataSource)
                    .update(
                        "UPDATE webhook_subscription SET previous_secret_until = ? WHERE id = ?",
                        OffsetDateTime.now(ZoneOffset.UTC).minusSeconds(1),
                        sub));
  }

  private List<String> sealedColumns(String sub) throws Exception {
    try (var c = dataSource.getConnection();
        var st =
            c.prepareStatement(
                "SELECT sealed_secret, previous_sealed_secret FROM webhook_subscription"
                    + " WHERE id = ?")) {
      st.setString(1, sub);
      try (var rs = st.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getString(2)).isNotNull().isNotEqualTo(rs.getString(1));
        return List.of(rs.getString(1), rs.getString(2));
      }
    }
  }

  /** What a consumer does with the snippet in docs/webhooks.md. */
  private static boolean verifies(String secret, ReceiverStub.Received got) throws Exception {
    return new WebhookVerifier(secret)
        .verify(
            got.header("webhook-id"),
            got.header("webhook-timestamp"),
            got.header("webhook-signature"),
            got.body(),
            Instant.now());
  }

  private static JsonPath ping(String sub) {
    return Api.admin()
        .post("/api/v1/webhooks/subscriptions/" + sub + "/test")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private String subscribe(String format, String secret, List<String> events) {
    return Api.admin()
        .body(
            Map.of(
                "target", consumer.url("/hooks"),
                "events", events,
                "format", format,
                "secret", secret,
                "allowPrivateTarget", true))
        .post("/api/v1/webhooks/subscriptions")
        .then()
        .statusCode(201)
        .extract()
        .path("id");
  }
}

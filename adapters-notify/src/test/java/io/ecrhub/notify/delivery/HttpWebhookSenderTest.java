package io.ecrhub.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.SendResult;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.notify.delivery.LocalReceiver.Reply;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class HttpWebhookSenderTest {
  static final Instant NOW = Instant.parse("2025-08-26T08:00:00Z");
  static final byte[] BODY =
      "{\"status\": \"1\", \"notify_type\": \"payment\", \"syssn\": \"S1\", \"txamt\": \"1050\"}"
          .getBytes(StandardCharsets.UTF_8);
  final LocalReceiver receiver;
  final HttpWebhookSender sender =
      new HttpWebhookSender(
          TargetGuard.system(),
          new HttpWebhookSender.Settings(Duration.ofSeconds(5), Duration.ofSeconds(2), 64));

  HttpWebhookSenderTest() throws IOException {
    receiver = new LocalReceiver();
  }

  @AfterEach
  void stop() {
    receiver.close();
  }

  @Test
  void qfpayFormat_forwardsTheBytesUnchanged_signedSoOdooAccepts() {
    WebhookSecret odooKey = WebhookSecret.of("odoo-side-notification-key");
    SendResult r = sender.send(sub(DeliveryFormat.QFPAY, odooKey, true), message(), NOW);

    assertThat(r.success()).isTrue();
    assertThat(r.httpStatus()).isEqualTo(200);
    assertThat(r.responseSnippet()).isEqualTo("SUCCESS");
    LocalReceiver.Received got = receiver.received.get(0);
    assertThat(got.method()).isEqualTo("POST");
    assertThat(got.path()).isEqualTo("/qfpay/notify");
    assertThat(got.body()).isEqualTo(BODY);
    assertThat(got.header("Content-Type")).isEqualTo("application/json");
    assertThat(got.header("X-QF-SIGN"))
        .isEqualTo(
            io.ecrhub.notify.intake.NotificationSignature.md5Hex(got.body(), odooKey.utf8Bytes()));
  }

  @Test
  void qfpayFormat_200WithoutSuccessBody_isAFailure() {
    receiver.script(Reply.of(200, "ok thanks"));

    SendResult r =
        sender.send(
            sub(DeliveryFormat.QFPAY, WebhookSecret.of("odoo-side-key"), true), message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.error()).contains("without body SUCCESS");
  }

  @Test
  void hubEvents_areSignedPerStandardWebhooks_andAny2xxCounts() {
    receiver.script(Reply.of(204, ""));
    WebhookSecret secret = WebhookSecret.of("whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw");

    SendResult r = sender.send(sub(DeliveryFormat.HUB_EVENTS, secret, true), message(), NOW);

    assertThat(r.success()).isTrue();
    LocalReceiver.Received got = receiver.received.get(0);
    assertThat(got.header("webhook-id")).isEqualTo("msg_1");
    assertThat(got.header("webhook-timestamp")).isEqualTo(Long.toString(NOW.getEpochSecond()));
    assertThat(got.header("webhook-signature"))
        .isEqualTo(StandardWebhookSigner.sign("msg_1", NOW.getEpochSecond(), got.body(), secret));
  }

  @Test
  void serverError_isAFailureWithStatusAndBoundedSnippet() {
    receiver.script(Reply.of(500, "x".repeat(10_000)));

    SendResult r =
        sender.send(
            sub(DeliveryFormat.QFPAY, WebhookSecret.of("odoo-side-key"), true), message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(500);
    assertThat(r.error()).isEqualTo("HTTP 500");
    assertThat(r.responseSnippet()).hasSize(64);
  }

  @Test
  void redirects_areNotFollowed() {
    receiver.script(new Reply(302, "", Map.of("Location", "http://169.254.169.254/latest"), false));

    SendResult r =
        sender.send(
            sub(DeliveryFormat.QFPAY, WebhookSecret.of("odoo-side-key"), true), message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.httpStatus()).isEqualTo(302);
    assertThat(receiver.received).hasSize(1);
  }

  @Test
  void slowConsumer_timesOut() {
    receiver.script(Reply.hanging());
    HttpWebhookSender impatient =
        new HttpWebhookSender(
            TargetGuard.system(),
            new HttpWebhookSender.Settings(Duration.ofSeconds(5), Duration.ofMillis(300), 64));

    SendResult r =
        impatient.send(
            sub(DeliveryFormat.QFPAY, WebhookSecret.of("odoo-side-key"), true), message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.httpStatus()).isNull();
    assertThat(r.error()).isEqualTo("timed out");
  }

  @Test
  void closedPort_isAFailureWithoutResponse() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    Subscription closed = withTarget(URI.create("http://127.0.0.1:" + port + "/x"));

    SendResult r = sender.send(closed, message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.httpStatus()).isNull();
  }

  @Test
  void loopbackTarget_isRefusedWithoutTheAdminsExplicitAllowance_andNothingIsSent() {
    SendResult r =
        sender.send(
            sub(DeliveryFormat.QFPAY, WebhookSecret.of("odoo-side-key"), false), message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.error()).startsWith("target refused");
    assertThat(receiver.received).isEmpty();
  }

  @Test
  void chunkedSuccessBody_isRead() {
    receiver.script(Reply.chunked(200, "SUCCESS"));

    SendResult r =
        sender.send(
            sub(DeliveryFormat.QFPAY, WebhookSecret.of("odoo-side-key"), true), message(), NOW);

    assertThat(r.success()).isTrue();
    assertThat(r.responseSnippet()).isEqualTo("SUCCESS");
  }

  /**
   * DNS rebinding: the name is public when the guard checks it and loopback a moment later. The
   * sender connects to the checked answer only, so the loopback receiver never sees the request.
   */
  @Test
  void dnsAnswerTurningToLoopbackAfterTheCheck_neverReachesLoopback() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    TargetGuard rebinding =
        new TargetGuard(
            host ->
                new InetAddress[] {
                  InetAddress.getByName(
                      lookups.getAndIncrement() == 0 ? "93.184.216.34" : "127.0.0.1")
                });
    HttpWebhookSender pinned =
        new HttpWebhookSender(
            rebinding,
            new HttpWebhookSender.Settings(Duration.ofMillis(500), Duration.ofMillis(500), 64));
    Subscription s =
        new Subscription(
            "sub_1",
            URI.create("http://rebind.example.test:" + receiver.port() + "/qfpay/notify"),
            EventFilter.of("*"),
            DeliveryFormat.QFPAY,
            WebhookSecret.of("odoo-side-key"),
            false,
            true,
            null,
            NOW);

    SendResult r = pinned.send(s, message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.error()).doesNotStartWith("target refused");
    assertThat(receiver.received).isEmpty();
    assertThat(lookups.get()).isEqualTo(1);
  }

  /**
   * The connection goes to the address the guard checked, not to a later answer, and the request
   * still names the original host.
   */
  @Test
  void connectsToTheCheckedAddress_withTheOriginalHostHeader() throws Exception {
    AtomicInteger lookups = new AtomicInteger();
    TargetGuard changing =
        new TargetGuard(
            host ->
                new InetAddress[] {
                  InetAddress.getByName(lookups.getAndIncrement() == 0 ? "127.0.0.1" : "192.0.2.1")
                });
    HttpWebhookSender pinned =
        new HttpWebhookSender(
            changing,
            new HttpWebhookSender.Settings(Duration.ofSeconds(2), Duration.ofSeconds(2), 64));
    Subscription s =
        withTarget(
            URI.create("http://hooks.example.test:" + receiver.port() + "/qfpay/notify?x=1"));

    SendResult r = pinned.send(s, message(), NOW);

    assertThat(r.success()).isTrue();
    assertThat(lookups.get()).isEqualTo(1);
    LocalReceiver.Received got = receiver.received.get(0);
    assertThat(got.header("Host")).isEqualTo("hooks.example.test:" + receiver.port());
    assertThat(got.path()).isEqualTo("/qfpay/notify");
  }

  OutboxMessage message() {
    return OutboxMessage.record("msg_1", "sub_1", "payment.succeeded", BODY, NOW);
  }

  Subscription sub(DeliveryFormat format, WebhookSecret secret, boolean allowPrivate) {
    return new Subscription(
        "sub_1",
        receiver.uri("/qfpay/notify"),
        EventFilter.of("*"),
        format,
        secret,
        allowPrivate,
        true,
        null,
        NOW);
  }

  Subscription withTarget(URI target) {
    return new Subscription(
        "sub_1",
        target,
        EventFilter.of("*"),
        DeliveryFormat.QFPAY,
        WebhookSecret.of("odoo-side-key"),
        true,
        true,
        null,
        NOW);
  }
}

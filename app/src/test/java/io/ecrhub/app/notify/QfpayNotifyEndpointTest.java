package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.paymentBody;
import static io.ecrhub.app.notify.NotifyFixtures.post;
import static io.ecrhub.app.notify.NotifyFixtures.postSigned;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.notify.persistence.SqlNotificationInbox;
import io.ecrhub.domain.notification.InboxEntry;
import io.ecrhub.domain.notification.InboxStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/** The public intake endpoint: statuses, durability and deduplication over real HTTP. */
@QuarkusTest
class QfpayNotifyEndpointTest {
  @Inject SqlNotificationInbox inbox;
  @Inject DataSource dataSource;

  @TestHTTPResource("/qfpay/notify")
  URI notifyUri;

  /** Protocol doc §7.2 body, with a fresh syssn so reruns on a kept database stay independent. */
  @Test
  void protocolDocVector_isAcceptedWithSuccess() {
    byte[] body =
        ("{\"status\":\"1\",\"notify_type\":\"payment\",\"syssn\":\"20250826155400087645770447\","
                + "\"out_trade_no\":\"x--1--2\",\"txamt\":\"1050\",\"respcd\":\"0000\"}")
            .getBytes(StandardCharsets.UTF_8);

    post(body, "606E0E764347884FC6C573864AE9077F")
        .then()
        .statusCode(200)
        .contentType("text/plain")
        .body(equalTo("SUCCESS"));
  }

  @Test
  void validNotification_isCommittedWithRawBodyHeadersAndSource_beforeSuccess() {
    String syssn = syssn();
    byte[] body = paymentBody(unique("ord-"), syssn, "1050");

    postSigned(body).then().statusCode(200).body(equalTo("SUCCESS"));

    InboxEntry e = stored(syssn);
    assertThat(e.rawBody()).isEqualTo(body);
    assertThat(e.headers()).containsKey("x-qf-sign");
    assertThat(e.sourceAddress()).isEqualTo("127.0.0.1");
    assertThat(e.keyId()).isEqualTo("config-1");
    assertThat(e.status()).isEqualTo(InboxStatus.PARKED);
  }

  @Test
  void replayOfAnOldValidNotification_getsSuccessAndIsStoredOnce() {
    String syssn = syssn();
    byte[] body = paymentBody(unique("ord-"), syssn, "1050");
    postSigned(body).then().statusCode(200);

    postSigned(body).then().statusCode(200).body(equalTo("SUCCESS"));

    assertThat(countWithDedupeKey("PAYMENT:" + syssn)).isEqualTo(1);
  }

  @Test
  void tamperedBody_is401_andKeptAsRejected() {
    String syssn = syssn();
    byte[] body = paymentBody(unique("ord-"), syssn, "1050");
    String sign = NotifyFixtures.sign(body);
    byte[] tampered =
        new String(body, StandardCharsets.UTF_8)
            .replace("1050", "9050")
            .getBytes(StandardCharsets.UTF_8);

    post(tampered, sign).then().statusCode(401).body("code", equalTo("BAD_SIGNATURE"));

    assertThat(countWithDedupeKey("PAYMENT:" + syssn)).isZero();
    assertThat(rejectedContaining(syssn)).isEqualTo(1);
  }

  @Test
  void wrongKeyOrMissingSignature_is401() {
    byte[] body = paymentBody(unique("ord-"), syssn(), "1050");
    String wrong =
        io.ecrhub.notify.intake.NotificationSignature.sign(
            body, io.ecrhub.domain.notification.NotificationKey.of("somebody_elses_key"));

    post(body, wrong).then().statusCode(401);
    post(body, null).then().statusCode(401).body("detail", equalTo("no X-QF-SIGN header"));
  }

  @Test
  void malformedJson_is400() {
    byte[] body = "{\"notify_type\":\"payment\",".getBytes(StandardCharsets.UTF_8);
    post(body, NotifyFixtures.sign(body))
        .then()
        .statusCode(400)
        .body("code", equalTo("MALFORMED_NOTIFICATION"));
  }

  /**
   * A body larger than RESTEasy's in-memory input buffer (10 KiB) but within the 64 KiB limit is
   * read through the blocking stream instead; it is stored all the same.
   */
  @Test
  void largeBodyWithinTheLimit_isStoredWhole() {
    String syssn = syssn();
    String json = new String(paymentBody(unique("ord-"), syssn, "1050"), StandardCharsets.UTF_8);
    byte[] body =
        (json.substring(0, json.length() - 1) + ",\"remark\":\"" + "x".repeat(40_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    postSigned(body).then().statusCode(200).body(equalTo("SUCCESS"));

    assertThat(stored(syssn).rawBody()).isEqualTo(body);
  }

  @Test
  void bodyOver64KiB_is413() {
    byte[] body = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);
    post(body, NotifyFixtures.sign(body)).then().statusCode(413);
  }

  @Test
  void wrongMethod_is405_andWrongContentType_is415() {
    given()
        .get("/qfpay/notify")
        .then()
        .statusCode(405)
        .header("Allow", "POST")
        .contentType("application/problem+json")
        .body("code", equalTo("METHOD_NOT_ALLOWED"));
    byte[] body = paymentBody(unique("ord-"), syssn(), "1050");
    given()
        .contentType("text/plain")
        .header("X-QF-SIGN", NotifyFixtures.sign(body))
        .body(body)
        .post("/qfpay/notify")
        .then()
        .statusCode(415);
  }

  // The database outage (503, then QFPay's retry succeeds) is NotifyDatabaseOutageTest: it needs
  // a database behind a proxy that can be cut.

  @Test
  void unknownNotifyType_withAValidSignature_isStoredForAnAdminAndAnsweredSuccess() {
    String syssn = syssn();
    byte[] body =
        ("{\"status\":\"1\",\"notify_type\":\"settlement_adjustment\",\"syssn\":\""
                + syssn
                + "\",\"out_trade_no\":\"adj-1\",\"txamt\":\"10\"}")
            .getBytes(StandardCharsets.UTF_8);

    postSigned(body).then().statusCode(200).contentType("text/plain").body(equalTo("SUCCESS"));
    postSigned(body).then().statusCode(200).body(equalTo("SUCCESS"));

    assertThat(countWithDedupeKey("OTHER:settlement_adjustment:" + syssn)).isEqualTo(1);
    InboxEntry e =
        QuarkusTransaction.requiringNew()
            .call(() -> inbox.findByDedupeKey("OTHER:settlement_adjustment:" + syssn))
            .orElseThrow();
    assertThat(e.status()).isEqualTo(InboxStatus.IGNORED);
    assertThat(e.note()).startsWith("unknown notify_type settlement_adjustment");
    assertThat(e.rawBody()).isEqualTo(body);
    io.ecrhub.app.support.Api.admin()
        .queryParam("status", "ignored")
        .queryParam("syssn", syssn)
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .body("items[0].id", equalTo(e.id()));
  }

  @Test
  void unknownNotifyType_unsignedOrBadlySigned_is401() {
    byte[] body =
        ("{\"notify_type\":\"settlement_adjustment\",\"syssn\":\"" + syssn() + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    post(body, null).then().statusCode(401);
    post(body, "00000000000000000000000000000000").then().statusCode(401);
  }

  @Test
  void legacySortedFieldsSignature_isAccepted() {
    String syssn = syssn();
    String ref = unique("ord-");
    byte[] body = paymentBody(ref, syssn, "1050");
    // what QFPay's 2019 PHP sample verifies: fields sorted by name as k=v&..., then the key
    String legacy =
        io.ecrhub.notify.intake.NotificationSignature.sign(
            ("customer_source=HK&notify_type=payment&out_trade_no="
                    + ref
                    + "&pay_type=802808&respcd=0000&status=1&syssn="
                    + syssn
                    + "&txamt=1050&txcurrcd=HKD")
                .getBytes(StandardCharsets.UTF_8),
            NotifyFixtures.KEY);

    post(body, legacy).then().statusCode(200).body(equalTo("SUCCESS"));

    assertThat(stored(syssn).keyId()).isEqualTo("config-1");
  }

  /**
   * Concurrent notifications go through the group commit (several per transaction): each caller is
   * answered SUCCESS, and each (type, syssn) is stored exactly once even when both copies of a
   * notification arrive together (duplicates within a group and across groups).
   */
  @Test
  void manyConcurrentNotifications_eachSentTwice_allSucceed_andEachIsStoredOnce() throws Exception {
    int distinct = 30;
    List<String> syssns = new ArrayList<>();
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < distinct; i++) {
      String syssn = syssn();
      syssns.add(syssn);
      byte[] body = paymentBody(unique("ord-"), syssn, Integer.toString(100 + i));
      bodies.add(body);
      bodies.add(body);
    }
    Collections.shuffle(bodies);
    HttpClient client =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
    CountDownLatch start = new CountDownLatch(1);
    List<Future<HttpResponse<String>>> answers = new ArrayList<>();
    try {
      for (byte[] body : bodies) {
        HttpRequest request =
            HttpRequest.newBuilder(notifyUri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("X-QF-SIGN", NotifyFixtures.sign(body))
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        answers.add(
            pool.submit(
                () -> {
                  start.await();
                  return client.send(request, HttpResponse.BodyHandlers.ofString());
                }));
      }
      start.countDown();
      for (Future<HttpResponse<String>> answer : answers) {
        HttpResponse<String> response = answer.get(60, TimeUnit.SECONDS);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("SUCCESS");
      }
    } finally {
      pool.shutdownNow();
      client.close();
    }

    for (String syssn : syssns) {
      assertThat(countWithDedupeKey("PAYMENT:" + syssn)).as(syssn).isEqualTo(1);
      assertThat(stored(syssn).status()).as(syssn).isEqualTo(InboxStatus.PARKED);
    }
  }

  /** A body without Content-Length (chunked) is counted by the route itself: over 64 KiB is 413. */
  @Test
  void chunkedBodyOver64KiB_is413WithAProblem() throws Exception {
    byte[] body = ("{\"pad\":\"" + "x".repeat(70_000) + "\"}").getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = sendChunked(body);

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    assertThat(response.body()).contains("\"code\":\"PAYLOAD_TOO_LARGE\"");
  }

  @Test
  void chunkedBodyWithinTheLimit_isStoredWholeAndAnsweredSuccess() throws Exception {
    String syssn = syssn();
    String json = new String(paymentBody(unique("ord-"), syssn, "1050"), StandardCharsets.UTF_8);
    byte[] body =
        (json.substring(0, json.length() - 1) + ",\"remark\":\"" + "y".repeat(60_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = sendChunked(body);

    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("SUCCESS");
    assertThat(stored(syssn).rawBody()).isEqualTo(body);
  }

  /** POSTs a signed body with chunked transfer encoding (an input stream of unknown length). */
  private HttpResponse<String> sendChunked(byte[] body) throws Exception {
    try (HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
      HttpRequest request =
          HttpRequest.newBuilder(notifyUri)
              .timeout(Duration.ofSeconds(30))
              .header("Content-Type", "application/json")
              .header("X-QF-SIGN", NotifyFixtures.sign(body))
              .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body)))
              .build();
      return client.send(request, HttpResponse.BodyHandlers.ofString());
    }
  }

  InboxEntry stored(String syssn) {
    return QuarkusTransaction.requiringNew()
        .call(() -> inbox.findByDedupeKey("PAYMENT:" + syssn))
        .orElseThrow();
  }

  int countWithDedupeKey(String key) {
    return query("SELECT COUNT(*) FROM notification_inbox WHERE dedupe_key = '" + key + "'");
  }

  int rejectedContaining(String syssn) {
    List<InboxEntry> rejected =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    inbox
                        .search(
                            new SqlNotificationInbox.Filter(
                                InboxStatus.REJECTED, null, null, null, null),
                            null,
                            200)
                        .items());
    return (int)
        rejected.stream()
            .filter(e -> new String(e.rawBody(), StandardCharsets.UTF_8).contains(syssn))
            .count();
  }

  int query(String sql) {
    try (var c = dataSource.getConnection();
        var s = c.createStatement();
        var rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getInt(1);
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}

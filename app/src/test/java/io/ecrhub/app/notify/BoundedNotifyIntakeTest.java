package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.paymentBody;
import static io.ecrhub.app.notify.NotifyFixtures.post;
import static io.ecrhub.app.notify.NotifyFixtures.postSigned;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HexFormat;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;

/**
 * {@code POST /qfpay/notify} under a flood, over real HTTP and the database (ADR 0009): a burst of
 * unsigned bodies stores at most its samples (cut to 2 KiB, with the whole body's length and
 * SHA-256), an intake at its budget answers 503 with {@code Retry-After}, a signed body with an
 * absurd amount is a 400 problem.
 */
@QuarkusTest
@TestProfile(BoundedIntakeProfile.class)
class BoundedNotifyIntakeTest {
  @Inject DataSource dataSource;
  @Inject MeterRegistry registry;

  @Inject
  @Named("notification-intake")
  ThreadPoolExecutor intakeExecutor;

  @Test
  void burstOfUnsignedBodies_storesAtMostTheSamplesOfTheMinute_eachCutTo2KiB() throws Exception {
    String marker = unique("flood-");
    byte[] body =
        ("{\"notify_type\":\"payment\",\"marker\":\"" + marker + "\",\"pad\":\"")
            .concat("x".repeat(60_000))
            .concat("\"}")
            .getBytes(StandardCharsets.UTF_8);
    double dropped = rejected("dropped");

    for (int i = 0; i < 40; i++) {
      post(body, null).then().statusCode(401).body("code", equalTo("BAD_SIGNATURE"));
    }

    // five per sender and minute; a burst that crosses a minute boundary may take ten
    assertThat(samplesWith(marker)).isBetween(1, 10);
    assertThat(rejected("dropped") - dropped).isGreaterThanOrEqualTo(30);
    String sha256 = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(body));
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT raw_body, body_length, body_sha256 FROM notification_inbox"
                    + " WHERE status = 'REJECTED' AND note LIKE ?")) {
      s.setString(1, "%" + sha256 + "%");
      try (ResultSet rs = s.executeQuery()) {
        assertThat(rs.next()).isTrue();
        assertThat(rs.getBytes(1)).hasSize(2048);
        assertThat(rs.getInt(2)).isEqualTo(body.length);
        assertThat(rs.getString(3)).isEqualTo(sha256);
      }
    }
  }

  @Test
  void intakeAtItsBudget_is503WithRetryAfter_andQfpaysRetryIsStoredOnceItHasRoom() {
    byte[] body = paymentBody(unique("ord-"), syssn(), "1050");
    CountDownLatch hold = new CountDownLatch(1);
    double busy = received("busy");
    try {
      intakeExecutor.execute(() -> awaitQuietly(hold)); // its one thread busy
      intakeExecutor.execute(() -> {}); // its queue of one full

      postSigned(body)
          .then()
          .statusCode(503)
          .header("Retry-After", "7")
          .contentType("application/problem+json")
          .body("code", equalTo("INTAKE_BUSY"));
      // a rejected request is still answered as such, without its sample
      post(body, null).then().statusCode(401);
      assertThat(received("busy") - busy).isEqualTo(1.0);
    } finally {
      hold.countDown();
    }
    awaitIdle();

    postSigned(body).then().statusCode(200).body(equalTo("SUCCESS"));
  }

  @Test
  void signedBodyWithAnAbsurdAmount_is400Problem() {
    for (String txamt : new String[] {"1e999999999", "\"1" + "0".repeat(10_000) + "\""}) {
      byte[] body =
          ("{\"notify_type\":\"payment\",\"syssn\":\"" + syssn() + "\",\"txamt\":" + txamt + "}")
              .getBytes(StandardCharsets.UTF_8);
      postSigned(body)
          .then()
          .statusCode(400)
          .contentType("application/problem+json")
          .body("code", equalTo("MALFORMED_NOTIFICATION"));
    }
  }

  private double received(String outcome) {
    var c = registry.find("ecrhub.notify.received").tag("outcome", outcome).counter();
    return c == null ? 0 : c.count();
  }

  private double rejected(String sample) {
    var c = registry.find("ecrhub.notify.rejected").tag("sample", sample).counter();
    return c == null ? 0 : c.count();
  }

  /** Rejected rows whose kept body holds {@code marker}. */
  private int samplesWith(String marker) throws SQLException {
    int n = 0;
    byte[] needle = marker.getBytes(StandardCharsets.UTF_8);
    try (Connection c = dataSource.getConnection();
        PreparedStatement s =
            c.prepareStatement(
                "SELECT raw_body FROM notification_inbox WHERE status = 'REJECTED'");
        ResultSet rs = s.executeQuery()) {
      while (rs.next()) {
        if (contains(rs.getBytes(1), needle)) {
          n++;
        }
      }
    }
    return n;
  }

  private static boolean contains(byte[] hay, byte[] needle) {
    outer:
    for (int i = 0; i + needle.length <= hay.length; i++) {
      for (int j = 0; j < needle.length; j++) {
        if (hay[i + j] != needle[j]) {
          continue outer;
        }
      }
      return true;
    }
    return false;
  }

  private void awaitIdle() {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while ((intakeExecutor.getActiveCount() > 0 || !intakeExecutor.getQueue().isEmpty())
        && System.nanoTime() < until) {
      Thread.onSpinWait();
    }
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}

package io.ecrhub.app.notify;

import static io.ecrhub.app.notify.NotifyFixtures.paymentBody;
import static io.ecrhub.app.notify.NotifyFixtures.post;
import static io.ecrhub.app.notify.NotifyFixtures.postSigned;
import static io.ecrhub.app.notify.NotifyFixtures.syssn;
import static io.ecrhub.app.notify.NotifyFixtures.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.ManagementInterface;
import io.quarkus.test.junit.QuarkusTest;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * What {@code /q/metrics} (management interface) tells an operator about the notification intake.
 */
@QuarkusTest
class NotifyMetricsTest {
  private static final Pattern RECEIVED =
      Pattern.compile(
          "^ecrhub_notify_received_total\\{[^}]*outcome=\"([a-z_]+)\"[^}]*\\} ([0-9.E+]+)$",
          Pattern.MULTILINE);
  private static final Pattern GROUPS =
      Pattern.compile(
          "^ecrhub_notify_group_size_count(\\{[^}]*\\})? ([0-9.E+]+)$", Pattern.MULTILINE);

  @Test
  void everyAnswerIsCountedByOutcome_andStoredNotificationsByGroup() {
    Map<String, Double> before = received();
    double groupsBefore = groups();
    byte[] body = paymentBody(unique("met-"), syssn(), "1050");

    postSigned(body).then().statusCode(200);
    postSigned(body).then().statusCode(200); // the same again: a duplicate
    post(body, "00000000000000000000000000000000").then().statusCode(401);
    given().contentType("text/plain").body("x").post("/qfpay/notify").then().statusCode(415);

    Map<String, Double> after = received();
    assertThat(after.get("accepted") - before.get("accepted")).isEqualTo(1.0);
    assertThat(after.get("duplicate") - before.get("duplicate")).isEqualTo(1.0);
    assertThat(after.get("bad_signature") - before.get("bad_signature")).isEqualTo(1.0);
    assertThat(after.get("refused") - before.get("refused")).isEqualTo(1.0);
    assertThat(after.get("unavailable") - before.get("unavailable")).isZero();
    // the accepted one and the duplicate each went through a writer (alone: a group of 1)
    assertThat(groups() - groupsBefore).isEqualTo(2.0);
    assertThat(metrics()).contains("ecrhub_notify_queued");
  }

  private static String metrics() {
    return ManagementInterface.metrics();
  }

  private static Map<String, Double> received() {
    Map<String, Double> out = new TreeMap<>();
    Matcher m = RECEIVED.matcher(metrics());
    while (m.find()) {
      out.put(m.group(1), Double.parseDouble(m.group(2)));
    }
    assertThat(out)
        .containsKeys(
            "accepted",
            "duplicate",
            "bad_signature",
            "malformed",
            "not_allowed",
            "refused",
            "unavailable");
    return out;
  }

  private static double groups() {
    Matcher m = GROUPS.matcher(metrics());
    assertThat(m.find()).as("ecrhub_notify_group_size_count in /q/metrics").isTrue();
    return Double.parseDouble(m.group(2));
  }
}

package io.ecrhub.app.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The generic HTTP pull source as the hub runs it, against a real HTTP server: a partner API that
 * fails (500) is retried, opens the circuit breaker (reported by {@code GET /api/v1/mms/pull}) and,
 * once it recovers, its devices land in the registry.
 */
@QuarkusTest
@TestProfile(MmsPullTest.ManualPull.class)
class MmsPullTest {
  static final String KEY_1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  static final String KEY_2 = "f9e8d7c6b5a4039281706f5e4d3c2b1a";

  /** The partner API's settings shared by the pull profiles. */
  static Map<String, String> partnerApi() {
    Map<String, String> m = new HashMap<>();
    m.put("ecrhub.mms.pull.url", PartnerApiServer.url());
    m.put("ecrhub.mms.pull.auth-header-name", PartnerApiServer.AUTH_HEADER);
    m.put("ecrhub.mms.pull.auth-header-value", PartnerApiServer.AUTH_VALUE);
    m.put("ecrhub.mms.pull.items-pointer", "/data/devices");
    m.put("ecrhub.mms.pull.field-mapping.deviceId", "terminal_sn");
    m.put("ecrhub.mms.pull.field-mapping.posKey", "/secret/pos");
    m.put("ecrhub.mms.pull.field-mapping.https", "https_flag");
    m.put("ecrhub.mms.pull.field-mapping.encryption", "aes");
    m.put("ecrhub.mms.pull.field-mapping.ip", "lan");
    m.put("ecrhub.mms.pull.field-mapping.name", "label");
    // the API lists only these test devices; other tests' devices are not "removed"
    m.put("ecrhub.mms.pull.partial", "true");
    m.put("ecrhub.mms.pull.max-attempts", "2");
    m.put("ecrhub.mms.pull.initial-backoff", "10ms");
    m.put("ecrhub.mms.pull.max-backoff", "20ms");
    m.put("ecrhub.mms.pull.failure-threshold", "2");
    return m;
  }

  /** Pulls only on request (the schedule waits an hour). */
  public static class ManualPull implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = partnerApi();
      m.put("ecrhub.mms.pull.every", "1h");
      m.put("ecrhub.mms.pull.delay", "1h");
      m.put("ecrhub.mms.pull.open-duration", "2s");
      return m;
    }
  }

  private static Response pull() {
    return Api.admin().post("/api/v1/mms/pull");
  }

  private static JsonPath pullState() {
    return Api.admin().get("/api/v1/mms/pull").then().statusCode(200).extract().jsonPath();
  }

  @Test
  void failingApi_isRetried_opensTheCircuit_andAfterRecoveryItsDevicesAreApplied() {
    String a = Api.unique("PULLA");
    String b = Api.unique("PULLB");
    PartnerApiServer.failWith(500);
    int before = PartnerApiServer.requests();

    Response first = pull();
    first.then().statusCode(503).body("code", equalTo("CONFIG_SOURCE_UNAVAILABLE"));
    assertThat(first.asString()).contains("HTTP 500").doesNotContain(PartnerApiServer.AUTH_VALUE);
    assertThat(PartnerApiServer.requests() - before).as("one try and one retry").isEqualTo(2);
    assertThat(PartnerApiServer.lastAuth()).isEqualTo(PartnerApiServer.AUTH_VALUE);
    JsonPath afterOne = pullState();
    assertThat(afterOne.getBoolean("configured")).isTrue();
    assertThat(afterOne.getString("state")).isEqualTo("CLOSED");
    assertThat(afterOne.getInt("consecutiveFailures")).isEqualTo(1);
    assertThat(afterOne.getString("lastError")).contains("HTTP 500");

    pull().then().statusCode(503);
    JsonPath open = pullState();
    assertThat(open.getString("state")).isEqualTo("OPEN");
    assertThat(open.getInt("consecutiveFailures")).isEqualTo(2);
    assertThat(open.getString("openUntil")).isNotBlank();

    int whileOpen = PartnerApiServer.requests();
    Response skipped = pull();
    skipped.then().statusCode(503);
    assertThat(skipped.asString()).contains("circuit open");
    assertThat(PartnerApiServer.requests())
        .as("an open circuit sends nothing")
        .isEqualTo(whileOpen);

    PartnerApiServer.serve(
        "["
            + PartnerApiServer.device(a, KEY_1, "192.0.2.61")
            + ","
            + PartnerApiServer.device(b, KEY_2, "192.0.2.62")
            + "]");
    AtomicReference<JsonPath> report = new AtomicReference<>();
    Awaitility.await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              Response r = pull();
              if (r.statusCode() != 200) {
                return false;
              }
              report.set(r.jsonPath());
              return true;
            });
    assertThat(report.get().getLong("applied")).isEqualTo(2);
    assertThat(report.get().getLong("held")).isZero();
    assertThat(report.get().getString("source")).contains(PartnerApiServer.PATH);

    JsonPath closed = pullState();
    assertThat(closed.getString("state")).isEqualTo("CLOSED");
    assertThat(closed.getInt("consecutiveFailures")).isZero();
    assertThat(closed.getString("lastError")).isNull();

    Api.admin()
        .get("/api/v1/terminals/" + a.toLowerCase(Locale.ROOT))
        .then()
        .statusCode(200)
        .body("host", equalTo("192.0.2.61"))
        .body("transport", equalTo("HTTP"))
        .body("deviceId", equalTo(a));
    Api.admin()
        .get("/api/v1/terminals/" + b.toLowerCase(Locale.ROOT))
        .then()
        .statusCode(200)
        .body("host", equalTo("192.0.2.62"));
    assertThat(Api.admin().get("/api/v1/mms/audit?limit=200").asString())
        .contains("SOURCE_FAILED")
        .doesNotContain(KEY_1)
        .doesNotContain(PartnerApiServer.AUTH_VALUE);

    // the same list again changes nothing
    JsonPath again = pull().then().statusCode(200).extract().jsonPath();
    assertThat(again.getLong("applied")).isZero();
  }
}

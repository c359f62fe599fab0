package io.ecrhub.app.mms;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.cluster.ClusterRunner;
import io.ecrhub.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.Test;

/** With a pull URL configured, the schedule pulls the partner API by itself. */
@QuarkusTest
@TestProfile(MmsScheduledPullTest.ScheduledPull.class)
class MmsScheduledPullTest {

  /** Pulls every second from the start. */
  public static class ScheduledPull implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = MmsPullTest.partnerApi();
      m.put("ecrhub.mms.pull.every", "1s");
      m.put("ecrhub.mms.pull.delay", "0s");
      m.put("ecrhub.mms.pull.open-duration", "1s");
      return m;
    }
  }

  @Inject ClusterRunner runner;

  @Test
  void theSchedulePullsTheApi_andAppliesItsDevices() {
    String c = Api.unique("SCHED");
    String id = c.toLowerCase(Locale.ROOT);
    PartnerApiServer.serve("[" + PartnerApiServer.device(c, MmsPullTest.KEY_1, "192.0.2.71") + "]");

    try {
      Awaitility.await()
          .atMost(Duration.ofSeconds(120))
          .pollInterval(Duration.ofMillis(250))
          .until(() -> Api.admin().get("/api/v1/terminals/" + id).statusCode() == 200);
    } catch (ConditionTimeoutException e) {
      // say why: did this instance run the cluster-wide jobs, and what did the pulls report?
      throw new AssertionError(
          "the scheduled pull did not apply "
              + c
              + "; this instance leads the cluster jobs: "
              + runner.leads()
              + "; pull status: "
              + Api.admin().get("/api/v1/mms/pull").asString()
              + "; audit: "
              + Api.admin().get("/api/v1/mms/audit?limit=20").asString(),
          e);
    }

    assertThat(Api.admin().get("/api/v1/mms/audit?limit=200").asString())
        .contains("\"actor\":\"scheduler\"")
        .contains(c);
  }
}

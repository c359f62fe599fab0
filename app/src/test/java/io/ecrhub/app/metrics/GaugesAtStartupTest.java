package io.ecrhub.app.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.ManagementInterface;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every gauge series exists from start-up, before any scheduled refresh has run: a scrape right
 * after a (re)start sees 0, not a missing series (which a dashboard or an alert on absence reads as
 * "the hub lost its metrics"). The gauges that count rows used to be registered by their first
 * refresh, one second after start-up; ObservabilityTest once read the metrics before that.
 */
@QuarkusTest
@TestProfile(GaugesAtStartupTest.NoJobs.class)
class GaugesAtStartupTest {
  /** No scheduled job ever runs, so nothing but start-up can have registered the gauges. */
  public static class NoJobs implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.scheduler.enabled", "false");
    }
  }

  @Test
  void theRowCountingGaugesExistBeforeAnyRefresh() {
    assertThat(ManagementInterface.metrics())
        .contains("ecrhub_payments_unknown ")
        .contains("ecrhub_webhook_outbox_pending ")
        .contains("ecrhub_webhook_outbox_dead_letters ")
        .contains("ecrhub_webhook_backlog_age_seconds ")
        .contains("ecrhub_event_streams_open ");
  }
}

package io.ecrhub.app.notify;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * A small intake budget (ADR 0009): five samples of rejected requests per sender and minute, one
 * intake thread with a queue of one, no group-commit writers (so every notification to store goes
 * through the intake's own executor).
 */
public class BoundedIntakeProfile implements QuarkusTestProfile {
  @Override
  public Map<String, String> getConfigOverrides() {
    return Map.of(
        "ecrhub.notify.rejected-samples.per-source", "5",
        "ecrhub.notify.rejected-samples.per-minute", "50",
        "ecrhub.notify.intake.threads", "1",
        "ecrhub.notify.intake.queue", "1",
        "ecrhub.notify.intake.retry-after", "7s",
        "ecrhub.notify.group-commit.writers", "0");
  }
}

package io.ecrhub.app.health;

import io.ecrhub.app.cluster.GracefulDrain;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness: DOWN from the moment the hub drains on shutdown (ADR 0024), so load balancers and the
 * Kubernetes Service stop sending it tills while it finishes the exchanges it drives.
 */
@Readiness
@ApplicationScoped
public class DrainReadinessCheck implements HealthCheck {
  private final GracefulDrain drain;

  @Inject
  public DrainReadinessCheck(GracefulDrain drain) {
    this.drain = drain;
  }

  @Override
  public HealthCheckResponse call() {
    boolean draining = drain.draining();
    return HealthCheckResponse.named("drain")
        .withData("draining", draining)
        .status(!draining)
        .build();
  }
}

package io.ecrhub.app.metrics;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * The webhook delivery counters exist from the start (zeros), not from the delivery worker's first
 * run: dashboards and alerts see a series at once.
 */
@Startup
@ApplicationScoped
public class WebhookMeters {
  @Inject
  public WebhookMeters(MeterRegistry registry) {
    MeteredWebhookSender.register(registry);
  }
}

package io.ecrhub.app.metrics;

import io.ecrhub.app.events.EventStreams;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

/**
 * Gauge {@code ecrhub_event_streams_open}: the server-sent event streams this instance holds open
 * (payment and terminal streams); each instance reports its own, so a sum across instances gives
 * the total.
 */
@Startup
@ApplicationScoped
public class StreamGauge {
  @Inject
  public StreamGauge(EventStreams streams, MeterRegistry registry) {
    Gauge.builder("ecrhub.event.streams.open", streams, EventStreams::openStreams)
        .description("Server-sent event streams open on this instance")
        .strongReference(true)
        .register(registry);
  }
}

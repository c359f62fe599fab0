package io.ecrhub.app.support;

import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * The tests' span exporter: the test profile builds without the OTLP exporter, so a test that turns
 * the SDK on ({@code quarkus.otel.sdk.disabled=false}, ObservabilityTest) has its finished spans
 * handed to this CDI bean (exporter {@code cdi}): tests read the spans the hub made and nothing
 * leaves the JVM.
 */
public class InMemorySpans {
  @Produces
  @Singleton
  InMemorySpanExporter exporter() {
    return InMemorySpanExporter.create();
  }
}

package io.ecrhub.app.diagnostics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Terminal diagnostics ({@code ecrhub.diagnostics.*}): short budgets, never money. */
@ConfigMapping(prefix = "ecrhub.diagnostics")
public interface DiagnosticsConfig {
  /** TCP connect budget per probe. */
  @WithDefault("2s")
  Duration connectTimeout();

  /** TLS handshake budget. */
  @WithDefault("3s")
  Duration handshakeTimeout();

  /** Budget for the ECR service's answer to the diagnostic query. */
  @WithDefault("5s")
  Duration ecrReadTimeout();
}

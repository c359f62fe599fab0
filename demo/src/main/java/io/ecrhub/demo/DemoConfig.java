package io.ecrhub.demo;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** Demo mode details ({@code ecrhub.demo-mode.*}; demo mode itself is {@code ecrhub.demo}). */
@ConfigMapping(prefix = "ecrhub.demo-mode")
public interface DemoConfig {
  /** How many simulated terminals to start. */
  @WithDefault("2")
  int terminals();

  /** How long a simulated payment waits "for the card" before it is approved. */
  @WithDefault("3s")
  Duration cardWait();

  /** Where the simulator's CA is kept, so terminal pins survive restarts. */
  @WithDefault("data/demo-pki")
  Path pkiDir();
}

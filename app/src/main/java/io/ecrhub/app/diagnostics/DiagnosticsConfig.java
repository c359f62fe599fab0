package io.ecrhub.app.diagnostics;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
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

  /**
   * The IPv4 neighbour (ARP) table the IP-stability fix reads the terminal's MAC from (Linux's
   * {@code /proc/net/arp}). Only a terminal on the hub's LAN segment appears there; a missing file
   * means the fix says the MAC is unknown.
   */
  @WithDefault("/proc/net/arp")
  Path arpTable();
}

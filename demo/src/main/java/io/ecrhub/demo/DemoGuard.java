package io.ecrhub.demo;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.Terminals;
import io.quarkus.flyway.FlywayConfigurationCustomizer;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import jakarta.interceptor.Interceptor;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * Demo mode cannot reach production (ADR 0010). A hub started with {@code ecrhub.demo=true} is
 * refused, with one line saying why and a non-zero exit:
 *
 * <ul>
 *   <li>on PostgreSQL (the production database): checked from the configured JDBC URL before Flyway
 *       touches the database (this class is Flyway's configuration customizer) and again first
 *       thing at start-up;
 *   <li>when the registry holds any terminal the demo did not register itself (a device id {@code
 *       sim-demo-…} on a loopback address): checked first thing at start-up, before the demo
 *       registers anything, prints a key, or reconciles a payment.
 * </ul>
 */
@Singleton
public class DemoGuard implements FlywayConfigurationCustomizer {
  /** Device ids of the terminals demo mode registers ({@code sim-} + the simulator's id). */
  static final String DEMO_DEVICE_PREFIX = "sim-demo-";

  private final HubConfig config;
  private final Terminals terminals;
  private final String jdbcUrl;

  @Inject
  public DemoGuard(
      HubConfig config,
      Terminals terminals,
      @ConfigProperty(name = "quarkus.datasource.jdbc.url") String jdbcUrl) {
    this.config = config;
    this.terminals = terminals;
    this.jdbcUrl = jdbcUrl;
  }

  /** Runs before any migration: demo mode never migrates (or opens) a PostgreSQL database. */
  @Override
  public void customize(FluentConfiguration configuration) {
    refuseProductionDatabase();
  }

  /** Before every other start-up observer (DemoMode's registration, lease release, jobs). */
  void onStart(@Observes @Priority(Interceptor.Priority.PLATFORM_BEFORE) StartupEvent event) {
    refuseProductionDatabase();
    if (config.demo()) {
      refuseRealTerminals(terminals.all());
    }
  }

  void refuseProductionDatabase() {
    if (config.demo() && onPostgres(jdbcUrl)) {
      throw new DemoModeRefused(
          "ECR Hub refuses to start: demo mode (ecrhub.demo=true) on a PostgreSQL database ("
              + withoutCredentials(jdbcUrl)
              + "). Demo mode registers simulated terminals and prints an admin key; run it on its"
              + " own embedded H2 database (leave ECRHUB_DB_URL unset), never on production.");
    }
  }

  static void refuseRealTerminals(List<Terminal> all) {
    List<Terminal> real = all.stream().filter(t -> !simulated(t)).toList();
    if (!real.isEmpty()) {
      String names =
          real.stream()
              .limit(3)
              .map(t -> t.id().value() + " (" + t.host() + ")")
              .collect(Collectors.joining(", "));
      throw new DemoModeRefused(
          "ECR Hub refuses to start: demo mode (ecrhub.demo=true) on a database that holds "
              + real.size()
              + " terminal(s) demo mode did not register: "
              + names
              + (real.size() > 3 ? ", ..." : "")
              + ". Demo mode must never reach a real terminal; start it in an empty directory"
              + " (its own ./data) or without ecrhub.demo.");
    }
  }

  static boolean onPostgres(String url) {
    return url != null && url.trim().toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:");
  }

  /** A terminal demo mode registered: its device id and a loopback address. */
  static boolean simulated(Terminal t) {
    return t.deviceId().filter(d -> d.startsWith(DEMO_DEVICE_PREFIX)).isPresent()
        && loopback(t.host());
  }

  private static boolean loopback(String host) {
    if (host == null || !(host.startsWith("127.") || host.equals("::1"))) {
      return false;
    }
    try {
      return InetAddress.getByName(host).isLoopbackAddress(); // IP literals only: no lookup
    } catch (UnknownHostException e) {
      return false;
    }
  }

  /** The URL up to its parameters: host, port and database, never a password given in it. */
  private static String withoutCredentials(String url) {
    int q = url.indexOf('?');
    String base = q < 0 ? url : url.substring(0, q);
    int at = base.lastIndexOf('@');
    return at < 0 ? base : "jdbc:postgresql://" + base.substring(at + 1);
  }
}

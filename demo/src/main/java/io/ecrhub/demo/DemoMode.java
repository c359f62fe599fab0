package io.ecrhub.demo;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ManageApiKeys;
import io.ecrhub.app.terminals.TerminalAdmin;
import io.ecrhub.domain.access.ApiKey;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.Terminals;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Demo mode ({@code ecrhub.demo=true}): registers the embedded simulated terminals (again on every
 * start, as their ports and keys change), revokes the admin keys earlier demo starts created,
 * creates a new one and prints it with the curl lines that take a payment. {@link DemoGuard} has
 * refused the start before this runs when the database or its terminals could be production's.
 */
@ApplicationScoped
public class DemoMode {
  private final HubConfig config;
  private final DemoConfig demo;
  private final DemoSimulator simulator;
  private final TerminalAdmin admin;
  private final Terminals terminals;
  private final CertificatePins pins;
  private final ManageApiKeys keys;
  private final int httpPort;
  private final String managementHost;
  private final int managementPort;

  /** The name of the admin key each demo start creates (and the next one revokes). */
  static final String DEMO_KEY_NAME = "demo admin";

  @Inject
  public DemoMode(
      HubConfig config,
      DemoConfig demo,
      DemoSimulator simulator,
      TerminalAdmin admin,
      Terminals terminals,
      CertificatePins pins,
      ManageApiKeys keys,
      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort,
      @ConfigProperty(name = "quarkus.management.host", defaultValue = "127.0.0.1")
          String managementHost,
      @ConfigProperty(name = "quarkus.management.port", defaultValue = "9000") int managementPort) {
    this.config = config;
    this.demo = demo;
    this.simulator = simulator;
    this.admin = admin;
    this.terminals = terminals;
    this.pins = pins;
    this.keys = keys;
    this.httpPort = httpPort;
    this.managementHost = managementHost;
    this.managementPort = managementPort;
  }

  void onStart(@Observes StartupEvent ev) {
    if (config.demo()) {
      List<Terminal> registered = new ArrayList<>();
      for (SimulatedTerminal sim : simulator.terminals()) {
        registered.add(register(sim));
      }
      int revoked = revokeEarlierDemoKeys();
      String key = keys.create(DEMO_KEY_NAME, Role.ADMIN, Scope.ALL).plaintext();
      print(System.out, key, revoked, registered);
    }
  }

  /**
   * Revokes the admin keys earlier demo starts printed: a demo key lives until the next start, so
   * one copied from an old console is never left working.
   */
  int revokeEarlierDemoKeys() {
    List<String> earlier = new ArrayList<>();
    String cursor = null;
    do {
      Page<ApiKey> page = keys.list(cursor, 200);
      for (ApiKey k : page.items()) {
        if (DEMO_KEY_NAME.equals(k.name()) && !k.revoked()) {
          earlier.add(k.id());
        }
      }
      cursor = page.nextCursor();
    } while (cursor != null);
    earlier.forEach(keys::revoke);
    return earlier.size();
  }

  private Terminal register(SimulatedTerminal sim) {
    String device =
        "sim-" + sim.id(); // the simulator's ids are demo-N: DemoGuard.DEMO_DEVICE_PREFIX
    Optional<Terminal> existing = terminals.findByDeviceId(device);
    if (existing.isPresent()) {
      Terminal t = existing.get();
      pins.clear(t.id()); // the simulator may present a fresh leaf after a restart
      return admin.change(
          t.id(),
          new TerminalAdmin.Change(
              null,
              sim.host(),
              sim.httpsPort(),
              "HTTPS",
              sim.posKey(),
              true,
              null,
              null,
              null,
              null,
              true,
              null,
              null));
    }
    return admin.register(
        new TerminalAdmin.Registration(
            "Demo terminal " + sim.id(),
            sim.host(),
            sim.httpsPort(),
            "HTTPS",
            sim.posKey(),
            true,
            "LANDI_A8",
            "demo-store",
            null,
            device,
            null));
  }

  private void print(PrintStream out, String key, int revoked, List<Terminal> registered) {
    String base = "http://localhost:" + httpPort;
    String t = registered.get(0).id().value();
    StringBuilder sb = new StringBuilder();
    sb.append("\n================ ECR Hub demo ================\n");
    sb.append("Simulated terminals (card is 'presented' after ")
        .append(demo.cardWait().toSeconds())
        .append(" s):\n");
    for (Terminal r : registered) {
      sb.append("  ")
          .append(r.id())
          .append("  ")
          .append(r.name())
          .append("  ")
          .append(r.host())
          .append(':')
          .append(r.port())
          .append('\n');
    }
    sb.append("Admin API key (shown once): ").append(key).append('\n');
    if (revoked > 0) {
      sb.append("(").append(revoked).append(" admin key(s) of earlier demo starts revoked)\n");
    }
    sb.append('\n');
    sb.append("Take a payment:\n");
    sb.append("  curl -s -X POST ")
        .append(base)
        .append("/api/v1/payments \\\n")
        .append("    -H 'Authorization: Bearer ")
        .append(key)
        .append("' \\\n")
        .append("    -H 'Content-Type: application/json' -H 'Idempotency-Key: demo-1' \\\n")
        .append("    -d '{\"terminalId\":\"")
        .append(t)
        .append("\",\"amount\":\"10.50\",\"currency\":\"HKD\",\"channel\":\"card_payment\"}'\n");
    sb.append("Follow it (use the id from the answer):\n");
    sb.append("  curl -s ")
        .append(base)
        .append("/api/v1/payments/<id> -H 'Authorization: Bearer ")
        .append(key)
        .append("'\n");
    sb.append("  curl -N ")
        .append(base)
        .append("/api/v1/payments/<id>/events -H 'Authorization:")
        .append(" Bearer ")
        .append(key)
        .append("'\n");
    String management = "http://" + managementHost + ":" + managementPort;
    sb.append("API description (management interface): ")
        .append(management)
        .append("/q/openapi, Swagger UI: ")
        .append(management)
        .append("/q/swagger-ui\n");
    sb.append("==============================================\n");
    out.print(sb);
    out.flush();
  }
}

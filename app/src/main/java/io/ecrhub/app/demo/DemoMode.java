package io.ecrhub.app.demo;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ManageApiKeys;
import io.ecrhub.app.security.Role;
import io.ecrhub.app.security.Scope;
import io.ecrhub.app.terminals.TerminalAdmin;
import io.ecrhub.domain.certificate.CertificatePins;
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
 * start, as their ports and keys change), creates an admin API key and prints it with the curl
 * lines that take a payment.
 */
@ApplicationScoped
public class DemoMode {
  private final HubConfig config;
  private final DemoSimulator simulator;
  private final TerminalAdmin admin;
  private final Terminals terminals;
  private final CertificatePins pins;
  private final ManageApiKeys keys;
  private final int httpPort;

  @Inject
  public DemoMode(
      HubConfig config,
      DemoSimulator simulator,
      TerminalAdmin admin,
      Terminals terminals,
      CertificatePins pins,
      ManageApiKeys keys,
      @ConfigProperty(name = "quarkus.http.port", defaultValue = "8080") int httpPort) {
    this.config = config;
    this.simulator = simulator;
    this.admin = admin;
    this.terminals = terminals;
    this.pins = pins;
    this.keys = keys;
    this.httpPort = httpPort;
  }

  void onStart(@Observes StartupEvent ev) {
    if (config.demo()) {
      List<Terminal> registered = new ArrayList<>();
      for (SimulatedTerminal sim : simulator.terminals()) {
        registered.add(register(sim));
      }
      String key = keys.create("demo admin", Role.ADMIN, Scope.ALL).plaintext();
      print(System.out, key, registered);
    }
  }

  private Terminal register(SimulatedTerminal sim) {
    String device = "sim-" + sim.id();
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
              true));
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
            device));
  }

  private void print(PrintStream out, String key, List<Terminal> registered) {
    String base = "http://localhost:" + httpPort;
    String t = registered.get(0).id().value();
    StringBuilder sb = new StringBuilder();
    sb.append("\n================ ECR Hub demo ================\n");
    sb.append("Simulated terminals (card is 'presented' after ")
        .append(config.demoMode().cardWait().toSeconds())
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
    sb.append("Admin API key (shown once): ").append(key).append("\n\n");
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
    sb.append("API description: ").append(base).append("/q/openapi\n");
    sb.append("==============================================\n");
    out.print(sb);
    out.flush();
  }
}

package io.ecrhub.app.support;

import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Starts simulated QFPay terminals on 127.0.0.1 (HTTPS with a test CA, ephemeral ports) for the
 * whole test run and makes the hub trust that CA as an operator-configured extra CA.
 */
public class SimulatorResource implements QuarkusTestResourceLifecycleManager {
  private static volatile TerminalSimulator simulator;

  /** The running simulator. */
  public static TerminalSimulator simulator() {
    if (simulator == null) {
      throw new IllegalStateException("the simulator is not running");
    }
    return simulator;
  }

  /** The shared terminal whose merchant takes USD. */
  public static SimulatedTerminal usdTerminal() {
    return simulator().terminal("sim-usd");
  }

  public static SimulatedTerminal terminal(int index) {
    return simulator().terminal(index);
  }

  /**
   * A simulator of one terminal {@code name} of a test's own (its certificate from the shared test
   * CA, so the hub trusts it), for a test that changes the terminal; the caller closes it.
   */
  public static TerminalSimulator ownTerminal(String name) {
    return TerminalSimulator.start(
        SimulatorConfig.builder()
            .host("127.0.0.1")
            .ca(simulator().ca())
            .terminal(TerminalConfig.builder(name).build())
            .build());
  }

  @Override
  public synchronized Map<String, String> start() {
    if (simulator == null) {
      SimulatorConfig.Builder b = SimulatorConfig.builder().host("127.0.0.1");
      for (int i = 1; i <= 4; i++) {
        b.terminal(TerminalConfig.builder("sim-" + i).build());
      }
      // index 4: a terminal whose merchant takes USD (its answers say txcurrcd USD)
      b.terminal(TerminalConfig.builder("sim-usd").currency("USD").build());
      simulator = TerminalSimulator.start(b.build());
    }
    try {
      Path dir = Files.createTempDirectory("ecrhub-test-ca");
      Path ca = simulator.writeCaPem(dir.resolve("simulator-ca.pem"));
      return Map.of("ecrhub.ecr.trust.extra-ca-files", ca.toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public synchronized void stop() {
    // the simulator lives as long as the test JVM: several Quarkus test profiles share it
  }
}

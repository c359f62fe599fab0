package io.ecrhub.app.console;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * A console test in a real browser with a simulated terminal of its own (trusting the shared
 * simulators' CA), so that what it does to the terminal (faults, certificate changes, notification
 * targets) never reaches another test's. The simulator starts once for the class and stops after
 * the last test.
 */
abstract class OwnTerminalConsoleTest extends ConsoleBrowserTest {
  private final String terminalName;
  private TerminalSimulator own;
  SimulatedTerminal sim;

  /** {@code terminalName}: the simulated terminal's name, one per test class. */
  OwnTerminalConsoleTest(String terminalName) {
    this.terminalName = terminalName;
  }

  @BeforeAll
  void startOwnTerminal() {
    own = SimulatorResource.ownTerminal(terminalName);
    sim = own.terminal(0);
  }

  @AfterAll
  void stopOwnTerminal() {
    if (own != null) {
      own.close();
    }
  }
}

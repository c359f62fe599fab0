package io.ecrhub.app.it;

import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.h2.tools.Server;

/**
 * One database several packaged hubs share, with one simulated terminal: the suite's PostgreSQL
 * when the ITs run on it, else an in-memory H2 database behind a TCP server.
 */
final class SharedDatabase implements AutoCloseable {
  final TerminalSimulator simulator;
  private final Server h2;
  private final Map<String, String> env;

  /**
   * @param name the H2 database's name
   * @param terminalId the simulated terminal's id
   * @param cardWait how long it waits for the card before approving
   */
  SharedDatabase(Path work, String name, String terminalId, Duration cardWait) throws Exception {
    simulator =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .host("127.0.0.1")
                .terminal(TerminalConfig.builder(terminalId).cardWait(cardWait).build())
                .build());
    Path ca = simulator.writeCaPem(work.resolve("simulator-ca.pem"));
    String h2Url = null;
    if (HubProcess.onPostgres()) {
      h2 = null;
    } else {
      h2 = startH2();
      h2Url =
          "jdbc:h2:tcp://127.0.0.1:"
              + h2.getPort()
              + "/mem:"
              + name
              + ";DB_CLOSE_DELAY=-1;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
              + "DEFAULT_NULL_ORDERING=HIGH";
    }
    env = HubProcess.database(h2Url);
    env.put("ECRHUB_ECR_TRUST_EXTRA_CA_FILES", ca.toString());
  }

  private static Server startH2() throws SQLException {
    return Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
  }

  /** The environment of a hub on this database that trusts the simulator. */
  Map<String, String> env() {
    return new HashMap<>(env);
  }

  @Override
  public void close() {
    simulator.close();
    if (h2 != null) {
      h2.stop();
    }
  }
}

package io.ecrhub.channel;

import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.simulator.SimulatedTerminal;

/** The TerminalChannel contract over HTTP. */
class HttpTerminalChannelContractTest extends TerminalChannelContract {
  @Override
  Transport transport() {
    return Transport.HTTP;
  }

  @Override
  int port(SimulatedTerminal t) {
    return t.httpPort();
  }
}

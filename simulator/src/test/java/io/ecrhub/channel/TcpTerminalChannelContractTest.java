package io.ecrhub.channel;

import io.ecrhub.domain.terminal.Transport;
import io.ecrhub.simulator.SimulatedTerminal;

/** The TerminalChannel contract over TCP. */
class TcpTerminalChannelContractTest extends TerminalChannelContract {
  @Override
  Transport transport() {
    return Transport.TCP;
  }

  @Override
  int port(SimulatedTerminal t) {
    return t.tcpPort();
  }
}

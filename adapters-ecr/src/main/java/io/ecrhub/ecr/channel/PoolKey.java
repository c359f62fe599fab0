package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.TerminalEndpoint;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Transport;

/** Keep-alive connections are shared only by requests to the same terminal at the same address. */
record PoolKey(TerminalId terminal, Transport transport, String host, int port) {
  static PoolKey of(TerminalEndpoint e) {
    return new PoolKey(e.terminalId(), e.transport(), e.host(), e.port());
  }
}

package io.ecrhub.ecr.cli;

import io.ecrhub.domain.diagnostics.TcpObservation;
import io.ecrhub.domain.diagnostics.TerminalProbe;
import io.ecrhub.domain.diagnostics.TlsObservation;
import io.ecrhub.domain.terminal.TerminalChannel;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/**
 * The doctor's environment in this build: TCP reachability by plain sockets. The TLS probe and the
 * ECR channel come from the terminal channel module when it is wired in; until then those checks
 * are reported as not probed.
 */
final class DefaultDoctorEnvironment implements DoctorEnvironment {
  @Override
  public Session open(List<Path> extraCaFiles) {
    TerminalProbe probe =
        new TerminalProbe() {
          @Override
          public TcpObservation connect(String host, int port, Duration timeout) {
            return SocketTcpProbe.connect(host, port, timeout);
          }

          @Override
          public TlsObservation handshake(String host, int port, Duration timeout) {
            return null;
          }
        };
    return new Session() {
      @Override
      public TerminalProbe probe() {
        return probe;
      }

      @Override
      public TerminalChannel channel() {
        return null;
      }

      @Override
      public void close() {}
    };
  }
}

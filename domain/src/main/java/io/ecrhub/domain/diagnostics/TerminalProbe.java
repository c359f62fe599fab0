package io.ecrhub.domain.diagnostics;

import java.time.Duration;

/**
 * Port: low-level reachability probes for diagnostics: a bare TCP connect, and a TLS handshake that
 * reports what the terminal presented even when it is not trusted. Never sends an ECR request and
 * never moves money; every call returns within its timeout.
 */
public interface TerminalProbe {
  TcpObservation connect(String host, int port, Duration timeout);

  TlsObservation handshake(String host, int port, Duration timeout);
}

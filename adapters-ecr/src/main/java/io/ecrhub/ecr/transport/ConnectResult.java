package io.ecrhub.ecr.transport;

import io.ecrhub.domain.terminal.TerminalOutcome.NotSentCause;
import java.security.cert.X509Certificate;
import java.util.List;

/** What a connection attempt gave: a ready connection, or why none (nothing was written). */
public sealed interface ConnectResult {

  /** Connected (and, for TLS, handshake done and chain trusted). */
  record Connected(Connection connection) implements ConnectResult {}

  /**
   * No usable connection; no application byte was written.
   *
   * @param presentedChain the chain the server showed before the handshake failed, leaf first
   */
  record Refused(NotSentCause cause, String detail, List<X509Certificate> presentedChain)
      implements ConnectResult {
    public Refused {
      presentedChain = presentedChain == null ? List.of() : List.copyOf(presentedChain);
    }
  }
}

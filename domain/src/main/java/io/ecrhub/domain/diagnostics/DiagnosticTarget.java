package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.PosKey;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Transport;
import java.util.Objects;

/**
 * What diagnostics expect of a terminal: where it is, how it is configured and what MMS says.
 * Unknown facts are null and make their checks SKIPPED.
 *
 * @param terminalId registered terminal, or null for an ad-hoc target
 * @param port the port the hub talks to: the ECR HTTP(S) port (9001), or the raw TCP port (9002) of
 *     a terminal on the TCP transport
 * @param rawTcpPort a raw TCP port (9002) to check besides an HTTP(S) terminal's port, else null (a
 *     TCP terminal's raw port is {@code port})
 * @param posKey the key to test, or null (ECR checks skipped)
 * @param mmsHttps what MMS says about "Enable Https", or null when unknown
 * @param pinnedLeaf the pinned leaf's SHA-256, or null when none is pinned
 */
public record DiagnosticTarget(
    TerminalId terminalId,
    String host,
    int port,
    Integer rawTcpPort,
    Transport transport,
    boolean encryption,
    PosKey posKey,
    Boolean mmsHttps,
    AppVersion appVersion,
    Fingerprint pinnedLeaf) {

  public DiagnosticTarget {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(transport, "transport");
  }

  /** The target of a registered terminal. */
  public static DiagnosticTarget of(Terminal t, Boolean mmsHttps, Fingerprint pinnedLeaf) {
    return new DiagnosticTarget(
        t.id(),
        t.host(),
        t.port(),
        null,
        t.transport(),
        t.encryption(),
        t.posKey(),
        mmsHttps,
        t.appVersion().orElse(null),
        pinnedLeaf);
  }

  public String address() {
    return host + ":" + port;
  }

  /**
   * The port of the ECR HTTP(S) service ({@code tcp_ecr_port}): the configured port, or 9001 for a
   * terminal the hub drives over raw TCP.
   */
  public int ecrServicePort() {
    return transport == Transport.TCP ? Transport.HTTP.defaultPort() : port;
  }

  /**
   * The raw TCP port ({@code tcp_raw_port}): a TCP terminal's configured port, else {@link
   * #rawTcpPort}; null when raw TCP is not configured.
   */
  public Integer rawPort() {
    return transport == Transport.TCP ? Integer.valueOf(port) : rawTcpPort;
  }
}

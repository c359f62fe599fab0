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
 * @param rawTcpPort the raw TCP port (9002) when that transport is configured, else null
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
        t.transport() == Transport.TCP ? t.port() : null,
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
}

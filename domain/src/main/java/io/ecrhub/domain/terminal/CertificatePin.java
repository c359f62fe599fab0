package io.ecrhub.domain.terminal;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import java.time.Instant;

/**
 * The leaf a terminal is pinned to, plus a different leaf it presented since (awaiting approval).
 *
 * @param pinned the approved leaf (recorded on first successful handshake)
 * @param pending a different leaf seen since, refused until approved; null if none
 */
public record CertificatePin(
    TerminalId terminalId,
    LeafCertificate pinned,
    Instant pinnedAt,
    LeafCertificate pending,
    Instant pendingSince) {

  public boolean matches(Fingerprint presented) {
    return pinned != null && pinned.sha256().equals(presented);
  }
}

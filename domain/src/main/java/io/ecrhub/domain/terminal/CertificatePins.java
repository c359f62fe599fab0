package io.ecrhub.domain.terminal;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import java.time.Instant;
import java.util.Optional;

/**
 * Port: per-terminal leaf pins (trust on first use, then operator approval for a changed leaf).
 * Called by the terminal channel during TLS handshakes; must not block for long.
 */
public interface CertificatePins {
  Optional<CertificatePin> find(TerminalId terminalId);

  /** Records the first leaf seen; no-op if a pin exists. */
  void pinFirst(TerminalId terminalId, LeafCertificate leaf, Instant at);

  /**
   * Records a different leaf that was refused, for an operator to approve; it replaces an earlier
   * pending leaf (the same leaf again keeps its first {@code pendingSince}). Without a pin, the
   * record is created with only the pending leaf.
   */
  void recordRejected(TerminalId terminalId, LeafCertificate leaf, Instant at);

  /**
   * Operator approval: the pending leaf (with this fingerprint) becomes the pin and the pending
   * slot is cleared.
   *
   * @return false (and no change) when no pending leaf has this fingerprint
   */
  boolean approvePending(TerminalId terminalId, Fingerprint sha256, Instant at);

  /** Forgets the pin (e.g. the terminal was moved); the next handshake pins again. */
  void clear(TerminalId terminalId);
}

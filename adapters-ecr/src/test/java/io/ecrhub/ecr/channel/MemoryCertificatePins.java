package io.ecrhub.ecr.channel;

import io.ecrhub.domain.certificate.CertificatePin;
import io.ecrhub.domain.certificate.CertificatePins;
import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link CertificatePins} for tests (until the domain test-jar ships one). */
final class MemoryCertificatePins implements CertificatePins {
  private final Map<TerminalId, CertificatePin> pins = new HashMap<>();

  @Override
  public synchronized Optional<CertificatePin> find(TerminalId terminalId) {
    return Optional.ofNullable(pins.get(terminalId));
  }

  @Override
  public synchronized void pinFirst(TerminalId terminalId, LeafCertificate leaf, Instant at) {
    pins.putIfAbsent(terminalId, new CertificatePin(terminalId, leaf, at, null, null));
  }

  @Override
  public synchronized void recordRejected(TerminalId terminalId, LeafCertificate leaf, Instant at) {
    CertificatePin p = pins.get(terminalId);
    if (p != null) {
      pins.put(terminalId, new CertificatePin(terminalId, p.pinned(), p.pinnedAt(), leaf, at));
    }
  }

  @Override
  public synchronized boolean approvePending(
      TerminalId terminalId, Fingerprint sha256, Instant at) {
    CertificatePin p = pins.get(terminalId);
    if (p == null || p.pending() == null || !p.pending().sha256().equals(sha256)) {
      return false;
    }
    pins.put(terminalId, new CertificatePin(terminalId, p.pending(), at, null, null));
    return true;
  }

  @Override
  public synchronized void clear(TerminalId terminalId) {
    pins.remove(terminalId);
  }
}

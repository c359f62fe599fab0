package io.ecrhub.domain.testing;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/** {@link CertificatePins} in memory. */
public final class InMemoryCertificatePins implements CertificatePins {
  private final Map<TerminalId, CertificatePin> pins = new HashMap<>();

  @Override
  public synchronized Optional<CertificatePin> find(TerminalId terminalId) {
    return Optional.ofNullable(pins.get(terminalId));
  }

  @Override
  public synchronized void pinFirst(TerminalId terminalId, LeafCertificate leaf, Instant at) {
    CertificatePin current = pins.get(terminalId);
    if (current != null && current.pinned() != null) {
      return;
    }
    boolean samePending =
        current != null
            && current.pending() != null
            && current.pending().sha256().equals(leaf.sha256());
    LeafCertificate pending = current == null || samePending ? null : current.pending();
    Instant since = pending == null ? null : current.pendingSince();
    pins.put(terminalId, new CertificatePin(terminalId, leaf, at, pending, since));
  }

  @Override
  public synchronized void recordRejected(TerminalId terminalId, LeafCertificate leaf, Instant at) {
    CertificatePin current = pins.get(terminalId);
    if (current == null) {
      pins.put(terminalId, new CertificatePin(terminalId, null, null, leaf, at));
      return;
    }
    boolean same = current.pending() != null && current.pending().sha256().equals(leaf.sha256());
    Instant since = same ? current.pendingSince() : at;
    pins.put(
        terminalId,
        new CertificatePin(terminalId, current.pinned(), current.pinnedAt(), leaf, since));
  }

  @Override
  public synchronized boolean approvePending(
      TerminalId terminalId, Fingerprint sha256, Instant at) {
    CertificatePin current = pins.get(terminalId);
    if (current == null
        || current.pending() == null
        || !current.pending().sha256().equals(sha256)) {
      return false;
    }
    pins.put(terminalId, new CertificatePin(terminalId, current.pending(), at, null, null));
    return true;
  }

  @Override
  public synchronized void clear(TerminalId terminalId) {
    pins.remove(terminalId);
  }
}

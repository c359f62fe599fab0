package io.ecrhub.app.persistence;

import io.ecrhub.app.persistence.Repositories.CertificatePinRepository;
import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import io.ecrhub.domain.terminal.CertificatePin;
import io.ecrhub.domain.terminal.CertificatePins;
import io.ecrhub.domain.terminal.TerminalId;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Adapter: per-terminal TLS leaf pins in {@code certificate_pin}. Each call is its own short
 * transaction (the channel calls it during handshakes).
 */
@ApplicationScoped
@Transactional
public class PanacheCertificatePins implements CertificatePins {
  private final CertificatePinRepository repo;

  @Inject
  PanacheCertificatePins(CertificatePinRepository repo) {
    this.repo = repo;
  }

  @Override
  public Optional<CertificatePin> find(TerminalId terminalId) {
    return repo.findByIdOptional(terminalId.value()).map(PanacheCertificatePins::toDomain);
  }

  @Override
  public void pinFirst(TerminalId terminalId, LeafCertificate leaf, Instant at) {
    // two instances may pin at once: the first insert wins, the other is a no-op
    repo.getEntityManager()
        .createNativeQuery(
            "INSERT INTO certificate_pin (terminal_id, pinned_sha256, pinned_subject,"
                + " pinned_issuer, pinned_sans, pinned_not_before, pinned_not_after, pinned_at)"
                + " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8) ON CONFLICT DO NOTHING")
        .setParameter(1, terminalId.value())
        .setParameter(2, leaf.sha256().hex())
        .setParameter(3, Times.clip(leaf.subject(), 1000))
        .setParameter(4, Times.clip(leaf.issuer(), 1000))
        .setParameter(5, Times.clip(String.join("\n", leaf.subjectAltNames()), 4000))
        .setParameter(6, Times.db(leaf.notBefore()))
        .setParameter(7, Times.db(leaf.notAfter()))
        .setParameter(8, Times.db(at))
        .executeUpdate();
    // a row without a pinned leaf (only a pending one) gets this leaf as its first pin
    CertificatePinEntity e = locked(terminalId);
    if (e != null && e.pinnedSha256 == null) {
      setPinned(e, leaf, at);
    }
  }

  @Override
  public void recordRejected(TerminalId terminalId, LeafCertificate leaf, Instant at) {
    CertificatePinEntity e = lockedOrNew(terminalId);
    boolean samePending = leaf.sha256().hex().equals(e.pendingSha256);
    e.pendingSha256 = leaf.sha256().hex();
    e.pendingSubject = Times.clip(leaf.subject(), 1000);
    e.pendingIssuer = Times.clip(leaf.issuer(), 1000);
    e.pendingSans = Times.clip(String.join("\n", leaf.subjectAltNames()), 4000);
    e.pendingNotBefore = Times.db(leaf.notBefore());
    e.pendingNotAfter = Times.db(leaf.notAfter());
    if (!samePending || e.pendingSince == null) {
      e.pendingSince = Times.db(at);
    }
  }

  @Override
  public boolean approvePending(TerminalId terminalId, Fingerprint sha256, Instant at) {
    CertificatePinEntity e = locked(terminalId);
    if (e == null || e.pendingSha256 == null || !e.pendingSha256.equals(sha256.hex())) {
      return false;
    }
    LeafCertificate pending =
        leaf(
            e.pendingSha256,
            e.pendingSubject,
            e.pendingIssuer,
            e.pendingSans,
            e.pendingNotBefore,
            e.pendingNotAfter);
    setPinned(e, pending, at);
    e.pendingSha256 = null;
    e.pendingSubject = null;
    e.pendingIssuer = null;
    e.pendingSans = null;
    e.pendingNotBefore = null;
    e.pendingNotAfter = null;
    e.pendingSince = null;
    return true;
  }

  @Override
  public void clear(TerminalId terminalId) {
    repo.deleteById(terminalId.value());
  }

  /**
   * The row, locked until commit (plain {@code FOR UPDATE}, which H2 and PostgreSQL both accept),
   * or null.
   */
  private CertificatePinEntity locked(TerminalId terminalId) {
    List<?> hit =
        repo.getEntityManager()
            .createNativeQuery(
                "SELECT terminal_id FROM certificate_pin WHERE terminal_id = ?1 FOR UPDATE")
            .setParameter(1, terminalId.value())
            .getResultList();
    return hit.isEmpty() ? null : repo.findById(terminalId.value());
  }

  private CertificatePinEntity lockedOrNew(TerminalId terminalId) {
    repo.getEntityManager()
        .createNativeQuery(
            "INSERT INTO certificate_pin (terminal_id) VALUES (?1)" + " ON CONFLICT DO NOTHING")
        .setParameter(1, terminalId.value())
        .executeUpdate();
    return locked(terminalId);
  }

  private static void setPinned(CertificatePinEntity e, LeafCertificate leaf, Instant at) {
    e.pinnedSha256 = leaf.sha256().hex();
    e.pinnedSubject = Times.clip(leaf.subject(), 1000);
    e.pinnedIssuer = Times.clip(leaf.issuer(), 1000);
    e.pinnedSans = Times.clip(String.join("\n", leaf.subjectAltNames()), 4000);
    e.pinnedNotBefore = Times.db(leaf.notBefore());
    e.pinnedNotAfter = Times.db(leaf.notAfter());
    e.pinnedAt = Times.db(at);
  }

  private static CertificatePin toDomain(CertificatePinEntity e) {
    LeafCertificate pinned =
        e.pinnedSha256 == null
            ? null
            : leaf(
                e.pinnedSha256,
                e.pinnedSubject,
                e.pinnedIssuer,
                e.pinnedSans,
                e.pinnedNotBefore,
                e.pinnedNotAfter);
    LeafCertificate pending =
        e.pendingSha256 == null
            ? null
            : leaf(
                e.pendingSha256,
                e.pendingSubject,
                e.pendingIssuer,
                e.pendingSans,
                e.pendingNotBefore,
                e.pendingNotAfter);
    return new CertificatePin(
        TerminalId.of(e.terminalId), pinned, e.pinnedAt, pending, e.pendingSince);
  }

  private static LeafCertificate leaf(
      String sha256, String subject, String issuer, String sans, Instant from, Instant to) {
    List<String> names =
        sans == null || sans.isEmpty() ? List.of() : Arrays.asList(sans.split("\n"));
    return new LeafCertificate(new Fingerprint(sha256), subject, issuer, names, from, to);
  }
}

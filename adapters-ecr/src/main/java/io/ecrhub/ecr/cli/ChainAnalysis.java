package io.ecrhub.ecr.cli;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.diagnostics.PresentedCertificate;
import io.ecrhub.ecr.tls.LeafCertificates;
import java.security.GeneralSecurityException;
import java.security.cert.CertPath;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXCertPathValidatorResult;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What diagnostics need to know about a presented chain: the facts of each certificate (both
 * fingerprints, SANs, dates, CA flag) and the trust anchor it chains to by signature, judged apart
 * from dates and host names (those have their own checks). Never decides whether to connect.
 */
final class ChainAnalysis {
  private ChainAnalysis() {}

  static List<PresentedCertificate> facts(List<X509Certificate> chain) {
    return chain.stream().map(ChainAnalysis::facts).toList();
  }

  static PresentedCertificate facts(X509Certificate c) {
    try {
      byte[] der = c.getEncoded();
      return new PresentedCertificate(
          c.getSubjectX500Principal().toString(),
          c.getIssuerX500Principal().toString(),
          Fingerprint.sha256(der),
          Fingerprint.sha1(der),
          c.getNotBefore().toInstant(),
          c.getNotAfter().toInstant(),
          LeafCertificates.of(c).subjectAltNames(),
          c.getBasicConstraints() >= 0);
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /**
   * The anchor that signs the presented chain (checked at a moment when every presented certificate
   * is in date, so an expired leaf still shows its issuer), or null.
   */
  static X509Certificate anchorOf(List<X509Certificate> chain, List<X509Certificate> anchors) {
    List<X509Certificate> path = new ArrayList<>();
    for (X509Certificate c : chain) {
      if (!anchors.contains(c)) {
        path.add(c);
      }
    }
    if (chain.isEmpty() || path.isEmpty()) {
      return chain.isEmpty() ? null : chain.get(0);
    }
    Instant latestStart =
        path.stream().map(c -> c.getNotBefore().toInstant()).max(Instant::compareTo).orElseThrow();
    try {
      CertPath cp = CertificateFactory.getInstance("X.509").generateCertPath(path);
      Set<TrustAnchor> ta =
          anchors.stream().map(a -> new TrustAnchor(a, null)).collect(Collectors.toSet());
      PKIXParameters p = new PKIXParameters(ta);
      p.setRevocationEnabled(false);
      p.setDate(Date.from(latestStart.plusSeconds(1)));
      PKIXCertPathValidatorResult r =
          (PKIXCertPathValidatorResult) CertPathValidator.getInstance("PKIX").validate(cp, p);
      return r.getTrustAnchor().getTrustedCert();
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return null;
    }
  }
}

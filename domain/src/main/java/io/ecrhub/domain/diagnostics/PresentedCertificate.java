package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Facts about one certificate a terminal presented (or the anchor its chain ended at).
 *
 * @param subjectAltNames IP and DNS SANs as plain text ({@code 192.168.1.50})
 * @param ca whether basic constraints say CA:TRUE
 */
public record PresentedCertificate(
    String subject,
    String issuer,
    Fingerprint sha256,
    Fingerprint sha1,
    Instant notBefore,
    Instant notAfter,
    List<String> subjectAltNames,
    boolean ca) {

  public PresentedCertificate {
    Objects.requireNonNull(sha256);
    Objects.requireNonNull(sha1);
    subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
  }

  public LeafCertificate toLeaf() {
    return new LeafCertificate(sha256, subject, issuer, subjectAltNames, notBefore, notAfter);
  }
}

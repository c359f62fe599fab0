package io.ecrhub.domain.certificate;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What the hub records about a terminal's TLS leaf: enough to pin it and to diagnose it.
 *
 * @param subjectAltNames IP and DNS SANs as text
 */
public record LeafCertificate(
    Fingerprint sha256,
    String subject,
    String issuer,
    List<String> subjectAltNames,
    Instant notBefore,
    Instant notAfter) {

  public LeafCertificate {
    Objects.requireNonNull(sha256);
    subjectAltNames = subjectAltNames == null ? List.of() : List.copyOf(subjectAltNames);
  }

  public boolean validAt(Instant at) {
    return (notBefore == null || !at.isBefore(notBefore))
        && (notAfter == null || at.isBefore(notAfter));
  }

  public boolean coversHost(String host) {
    return subjectAltNames.stream().anyMatch(s -> s.equalsIgnoreCase(host));
  }
}

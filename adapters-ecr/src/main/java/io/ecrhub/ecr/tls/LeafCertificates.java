package io.ecrhub.ecr.tls;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.LeafCertificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/** Converts X.509 certificates into the facts the hub records ({@link LeafCertificate}). */
public final class LeafCertificates {
  private static final int SAN_DNS = 2;
  private static final int SAN_IP = 7;

  private LeafCertificates() {}

  /** SHA-256 of the DER encoding, subject, issuer, DNS and IP SANs, validity. */
  public static LeafCertificate of(X509Certificate c) {
    try {
      return new LeafCertificate(
          Fingerprint.sha256(c.getEncoded()),
          c.getSubjectX500Principal().toString(),
          c.getIssuerX500Principal().toString(),
          subjectAltNames(c),
          c.getNotBefore().toInstant(),
          c.getNotAfter().toInstant());
    } catch (CertificateEncodingException e) {
      throw new IllegalArgumentException("certificate cannot be encoded", e);
    }
  }

  /** Each certificate of a chain, in order. */
  public static List<LeafCertificate> of(List<X509Certificate> chain) {
    return chain.stream().map(LeafCertificates::of).toList();
  }

  private static List<String> subjectAltNames(X509Certificate c) {
    List<String> out = new ArrayList<>();
    try {
      Collection<List<?>> sans = c.getSubjectAlternativeNames();
      if (sans != null) {
        for (List<?> san : sans) {
          if (san.size() >= 2
              && san.get(0) instanceof Integer type
              && (type == SAN_DNS || type == SAN_IP)
              && san.get(1) instanceof String value) {
            out.add(value);
          }
        }
      }
    } catch (CertificateParsingException e) {
      // an unparsable SAN extension records as "no SAN"; trust checks refuse such a leaf anyway
    }
    return out;
  }
}

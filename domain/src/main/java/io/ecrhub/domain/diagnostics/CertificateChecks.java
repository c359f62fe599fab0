package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.certificate.QfpayCa;
import io.ecrhub.domain.terminal.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** The certificate checks of diagnostics: chain, CA fingerprints, validity, SAN, pin. */
final class CertificateChecks {
  static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  private CertificateChecks() {}

  static List<DiagnosticCheck> evaluate(DiagnosticTarget t, TlsObservation tls, Instant now) {
    String skip = null;
    if (tls == null || tls.chain().isEmpty()) {
      skip =
          t.transport() == Transport.HTTPS
              ? "no certificate was presented (see the TLS handshake)"
              : "HTTPS is not in use";
    }
    if (skip != null) {
      String why = skip;
      return List.of(
          DiagnosticCheck.skipped(CheckId.CA_CHAIN, why),
          DiagnosticCheck.skipped(CheckId.CA_FINGERPRINT, why),
          DiagnosticCheck.skipped(CheckId.LEAF_VALIDITY, why),
          DiagnosticCheck.skipped(CheckId.LEAF_SAN, why),
          DiagnosticCheck.skipped(CheckId.LEAF_PIN, why));
    }
    PresentedCertificate leaf = tls.chain().get(0);
    return List.of(
        chain(tls, leaf), fingerprints(tls), validity(leaf, now), san(t, leaf), pin(t, leaf));
  }

  static boolean isQfpayCa(PresentedCertificate c) {
    return c.sha256().equals(QfpayCa.SHA256) && c.sha1().equals(QfpayCa.SHA1);
  }

  private static boolean claimsQfpay(PresentedCertificate c) {
    return c.subject() != null && c.subject().replace(" ", "").contains("CN=QFECR");
  }

  private static DiagnosticCheck chain(TlsObservation tls, PresentedCertificate leaf) {
    PresentedCertificate anchor = tls.anchor();
    if (anchor == null) {
      return DiagnosticCheck.fail(
          CheckId.CA_CHAIN,
          "leaf '"
              + leaf.subject()
              + "' issued by '"
              + leaf.issuer()
              + "' does not chain to QFPay's CA or an operator CA"
              + (tls.detail() == null ? "" : " (" + tls.detail() + ")"),
          Fixes.NOT_QFPAY_LEAF);
    }
    if (isQfpayCa(anchor)) {
      return DiagnosticCheck.pass(
          CheckId.CA_CHAIN, "leaf '" + leaf.subject() + "' chains to '" + anchor.subject() + "'");
    }
    return DiagnosticCheck.warn(
        CheckId.CA_CHAIN,
        "leaf chains to the operator-configured CA '" + anchor.subject() + "', not QFPay's CA",
        "Expected only with a CA you manage yourself; otherwise remove that CA from the hub's"
            + " trust configuration.");
  }

  private static DiagnosticCheck fingerprints(TlsObservation tls) {
    for (PresentedCertificate c : tls.chain()) {
      if (c.ca() && claimsQfpay(c) && !isQfpayCa(c)) {
        return DiagnosticCheck.fail(
            CheckId.CA_FINGERPRINT,
            "a presented CA named '"
                + c.subject()
                + "' has SHA-256 "
                + c.sha256().colonSeparated()
                + "; QFPay publishes "
                + QfpayCa.SHA256.colonSeparated(),
            Fixes.FAKE_QFPAY_CA);
      }
    }
    PresentedCertificate anchor = tls.anchor();
    if (anchor == null) {
      return DiagnosticCheck.skipped(
          CheckId.CA_FINGERPRINT, "the chain does not reach a trusted CA (see the chain check)");
    }
    if (!isQfpayCa(anchor)) {
      return DiagnosticCheck.skipped(
          CheckId.CA_FINGERPRINT, "the chain ends at an operator CA, not QFPay's");
    }
    return DiagnosticCheck.pass(
        CheckId.CA_FINGERPRINT,
        "SHA-256 "
            + anchor.sha256().colonSeparated()
            + " and SHA-1 "
            + anchor.sha1().colonSeparated()
            + " equal the published values");
  }

  private static DiagnosticCheck validity(PresentedCertificate leaf, Instant now) {
    String range = "valid from " + leaf.notBefore() + " to " + leaf.notAfter();
    if (leaf.notBefore() != null && now.isBefore(leaf.notBefore())) {
      return DiagnosticCheck.fail(
          CheckId.LEAF_VALIDITY,
          "not valid yet: " + range + " (check the terminal's and the hub's clocks)",
          "Set the correct date and time on the terminal, then " + Fixes.REGENERATE_CERT);
    }
    if (leaf.notAfter() != null && !now.isBefore(leaf.notAfter())) {
      return DiagnosticCheck.fail(
          CheckId.LEAF_VALIDITY, "expired: " + range, Fixes.REGENERATE_CERT);
    }
    if (leaf.notAfter() != null && now.plus(EXPIRY_WARNING).isAfter(leaf.notAfter())) {
      return DiagnosticCheck.warn(
          CheckId.LEAF_VALIDITY, "expires soon: " + range, Fixes.REGENERATE_CERT);
    }
    return DiagnosticCheck.pass(CheckId.LEAF_VALIDITY, range);
  }

  private static DiagnosticCheck san(DiagnosticTarget t, PresentedCertificate leaf) {
    if (leaf.toLeaf().coversHost(t.host())) {
      return DiagnosticCheck.pass(
          CheckId.LEAF_SAN, "subjectAltName " + leaf.subjectAltNames() + " includes " + t.host());
    }
    return DiagnosticCheck.fail(
        CheckId.LEAF_SAN,
        leaf.subjectAltNames().isEmpty()
            ? "the certificate has no subjectAltName; " + t.host() + " cannot be verified"
            : "subjectAltName " + leaf.subjectAltNames() + " does not include " + t.host(),
        Fixes.FIX_ADDRESS);
  }

  private static DiagnosticCheck pin(DiagnosticTarget t, PresentedCertificate leaf) {
    if (t.pinnedLeaf() == null) {
      return DiagnosticCheck.skipped(
          CheckId.LEAF_PIN,
          "no pin recorded; the leaf presented now has SHA-256 " + leaf.sha256().colonSeparated());
    }
    if (t.pinnedLeaf().equals(leaf.sha256())) {
      return DiagnosticCheck.pass(
          CheckId.LEAF_PIN, "leaf SHA-256 " + leaf.sha256().colonSeparated() + " is pinned");
    }
    return DiagnosticCheck.fail(
        CheckId.LEAF_PIN,
        "leaf SHA-256 "
            + leaf.sha256().colonSeparated()
            + " differs from the pinned "
            + t.pinnedLeaf().colonSeparated(),
        Fixes.APPROVE_NEW_LEAF);
  }
}

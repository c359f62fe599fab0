package io.ecrhub.domain.diagnostics;

import java.util.List;
import java.util.Optional;

/**
 * A TLS handshake attempt on the ECR port and what the terminal presented.
 *
 * @param chain the presented certificates, leaf first; empty when none was seen
 * @param anchor the trust anchor the chain validated to; null when it did not validate
 * @param detail the failure reason, or the negotiated protocol on success
 */
public record TlsObservation(
    Result result, String detail, List<PresentedCertificate> chain, PresentedCertificate anchor) {

  public TlsObservation {
    chain = chain == null ? List.of() : List.copyOf(chain);
  }

  public Optional<PresentedCertificate> leaf() {
    return chain.isEmpty() ? Optional.empty() : Optional.of(chain.get(0));
  }

  /** Whether the peer speaks TLS at all (it completed a handshake or presented a certificate). */
  public boolean speaksTls() {
    return result == Result.HANDSHAKE_OK || result == Result.UNTRUSTED || !chain.isEmpty();
  }

  /** How the handshake ended. */
  public enum Result {
    /** Completed, and the chain validated against the trust anchors. */
    HANDSHAKE_OK,
    /** The peer spoke TLS and presented a chain that did not validate (or the host mismatched). */
    UNTRUSTED,
    /** The peer answered with something that is not TLS (e.g. plain HTTP) or closed at once. */
    NOT_TLS,
    /** No answer within the budget. */
    TIMEOUT,
    /** Connect failed or another error. */
    FAILED
  }
}

package io.ecrhub.ecr.tls;

import io.ecrhub.domain.certificate.LeafCertificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLEngine;

/**
 * One client handshake with a terminal: the engine to put in the pipeline and, once the handshake
 * ran, the chain the terminal presented and the trust failure, if trust was refused.
 */
public final class TlsHandshake {
  private final SSLEngine engine;
  private final CapturingTrustManager trust;

  TlsHandshake(SSLEngine engine, CapturingTrustManager trust) {
    this.engine = engine;
    this.trust = trust;
  }

  public SSLEngine engine() {
    return engine;
  }

  /** The certificates the server sent, leaf first; empty if it sent none (yet). */
  public List<X509Certificate> presentedChain() {
    return trust.presented();
  }

  /** The presented leaf as the hub records it, if the server sent one. */
  public Optional<LeafCertificate> presentedLeaf() {
    List<X509Certificate> chain = trust.presented();
    return chain.isEmpty() ? Optional.empty() : Optional.of(LeafCertificates.of(chain.get(0)));
  }

  /**
   * Why the chain or its host name was refused, as one line; empty when trust was not refused (the
   * handshake succeeded, or failed for another reason).
   */
  public Optional<String> trustFailure() {
    Exception e = trust.failure();
    if (e == null) {
      return Optional.empty();
    }
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String msg = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return Optional.of(msg.replaceAll("\\s+", " ").trim());
  }
}

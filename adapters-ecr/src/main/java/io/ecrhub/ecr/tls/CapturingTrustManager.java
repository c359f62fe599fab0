package io.ecrhub.ecr.tls;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * One handshake's trust manager: delegates every decision to the PKIX trust manager over the
 * configured anchors (with endpoint identification from the engine's parameters) and remembers the
 * chain the server presented and why it was refused, so a refused leaf can still be reported.
 * Client authentication and engine-less checks are refused: this manager only verifies servers.
 */
final class CapturingTrustManager extends X509ExtendedTrustManager {
  private final X509ExtendedTrustManager delegate;
  private volatile List<X509Certificate> presented = List.of();
  private volatile CertificateException failure;

  CapturingTrustManager(X509ExtendedTrustManager delegate) {
    this.delegate = delegate;
  }

  List<X509Certificate> presented() {
    return presented;
  }

  CertificateException failure() {
    return failure;
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    capture(chain);
    try {
      delegate.checkServerTrusted(chain, authType, engine);
    } catch (CertificateException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    capture(chain);
    try {
      delegate.checkServerTrusted(chain, authType, socket);
    } catch (CertificateException e) {
      failure = e;
      throw e;
    }
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    capture(chain);
    failure = new CertificateException("server checks need an SSLEngine for host verification");
    throw failure;
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine)
      throws CertificateException {
    throw new CertificateException("terminal connections do not accept clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket)
      throws CertificateException {
    throw new CertificateException("terminal connections do not accept clients");
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType)
      throws CertificateException {
    throw new CertificateException("terminal connections do not accept clients");
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return delegate.getAcceptedIssuers();
  }

  private void capture(X509Certificate[] chain) {
    presented = chain == null ? List.of() : List.of(chain);
  }
}

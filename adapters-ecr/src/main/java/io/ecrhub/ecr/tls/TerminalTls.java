package io.ecrhub.ecr.tls;

import io.ecrhub.domain.certificate.TrustAnchors;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * Builds client {@link SSLEngine}s for terminal connections: trust is exactly the given anchors
 * (PKIX, never the JVM default store, never "trust all"), TLS 1.2 or 1.3 only, and endpoint
 * identification "HTTPS" against the host the hub dialled, so an IP literal must appear as an
 * iPAddress SAN. Each handshake gets its own context: no session resumption, so every connection
 * shows its full chain to the trust checks and the pin.
 */
public final class TerminalTls {
  private static final List<String> PROTOCOLS = List.of("TLSv1.3", "TLSv1.2");

  private final X509ExtendedTrustManager pkix;

  public TerminalTls(TrustAnchors anchors) {
    this.pkix = pkixOver(anchors.anchors());
  }

  /** A fresh client engine for {@code host:port} with its own capture of the presented chain. */
  public TlsHandshake newHandshake(String host, int port) {
    CapturingTrustManager capture = new CapturingTrustManager(pkix);
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, new TrustManager[] {capture}, null);
      SSLEngine engine = ctx.createSSLEngine(host, port);
      engine.setUseClientMode(true);
      SSLParameters params = engine.getSSLParameters();
      params.setEndpointIdentificationAlgorithm("HTTPS");
      params.setProtocols(
          Arrays.stream(engine.getSupportedProtocols())
              .filter(PROTOCOLS::contains)
              .toArray(String[]::new));
      engine.setSSLParameters(params);
      return new TlsHandshake(engine, capture);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("TLS client context cannot be created", e);
    }
  }

  private static X509ExtendedTrustManager pkixOver(List<X509Certificate> anchors) {
    if (anchors.isEmpty()) {
      throw new TrustAnchorException("no trust anchors for terminal TLS");
    }
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      for (int i = 0; i < anchors.size(); i++) {
        ks.setCertificateEntry("anchor-" + i, anchors.get(i));
      }
      TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
      tmf.init(ks);
      for (TrustManager tm : tmf.getTrustManagers()) {
        if (tm instanceof X509ExtendedTrustManager x) {
          return x;
        }
      }
      throw new IllegalStateException(
          "PKIX trust manager factory gave no X509ExtendedTrustManager");
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("trust store for terminal TLS cannot be built", e);
    }
  }
}

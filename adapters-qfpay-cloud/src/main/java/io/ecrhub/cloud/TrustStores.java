package io.ecrhub.cloud;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509TrustManager;

/**
 * The TLS trust for QFPay's cloud: the JVM's trust store, plus the CA certificates in extra PEM
 * files (a corporate TLS proxy, a test CA). A chain is trusted when either trusts it; nothing is
 * trusted blindly.
 */
final class TrustStores {
  private TrustStores() {}

  static SSLContext sslContext(List<Path> extraCaFiles) {
    try {
      SSLContext ctx = SSLContext.getInstance("TLS");
      if (extraCaFiles.isEmpty()) {
        ctx.init(null, null, null);
        return ctx;
      }
      KeyStore extra = KeyStore.getInstance(KeyStore.getDefaultType());
      extra.load(null, null);
      int n = 0;
      for (Path file : extraCaFiles) {
        for (Certificate c : read(file)) {
          extra.setCertificateEntry("extra-" + n++, c);
        }
      }
      X509TrustManager jvm = trustManager(null);
      X509TrustManager added = trustManager(extra);
      ctx.init(null, new TrustManager[] {new Either(jvm, added)}, null);
      return ctx;
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalArgumentException(
          "cannot build the QFPay cloud trust: " + e.getMessage(), e);
    }
  }

  private static List<Certificate> read(Path file) throws IOException, CertificateException {
    try (InputStream in = Files.newInputStream(file)) {
      List<Certificate> certs =
          new ArrayList<>(CertificateFactory.getInstance("X.509").generateCertificates(in));
      if (certs.isEmpty()) {
        throw new CertificateException("no certificate in " + file);
      }
      return certs;
    }
  }

  private static X509TrustManager trustManager(KeyStore ks) throws GeneralSecurityException {
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(ks);
    for (TrustManager tm : tmf.getTrustManagers()) {
      if (tm instanceof X509TrustManager x) {
        return x;
      }
    }
    throw new GeneralSecurityException("no X509TrustManager");
  }

  /** Trusts a server chain that either trust manager trusts. */
  private record Either(X509TrustManager first, X509TrustManager second)
      implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      throw new CertificateException("client certificates are not accepted");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType)
        throws CertificateException {
      try {
        first.checkServerTrusted(chain, authType);
      } catch (CertificateException e) {
        second.checkServerTrusted(chain, authType);
      }
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      List<X509Certificate> all = new ArrayList<>(List.of(first.getAcceptedIssuers()));
      all.addAll(List.of(second.getAcceptedIssuers()));
      return all.toArray(X509Certificate[]::new);
    }
  }
}

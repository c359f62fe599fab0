package io.ecrhub.app.ca;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.QfpayCa;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;

/**
 * QFPay's ECR CA as shipped with the hub ({@code ca3.crt}), loaded once and served only when its
 * SHA-256 and SHA-1 equal the published fingerprints; otherwise the hub refuses to start.
 */
@ApplicationScoped
public class QfpayCaFile {
  static final String RESOURCE = "io/ecrhub/ecr/tls/qfpay-ca3.crt";

  private final byte[] der;
  private final String pem;
  private final X509Certificate certificate;

  public QfpayCaFile() {
    try (InputStream in = QfpayCaFile.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("QFPay CA resource " + RESOURCE + " is missing");
      }
      byte[] pemBytes = in.readAllBytes();
      certificate =
          (X509Certificate)
              CertificateFactory.getInstance("X.509")
                  .generateCertificate(new ByteArrayInputStream(pemBytes));
      der = certificate.getEncoded();
    } catch (IOException | CertificateException e) {
      throw new IllegalStateException("QFPay CA resource " + RESOURCE + " is unreadable", e);
    }
    if (!Fingerprint.sha256(der).equals(QfpayCa.SHA256)
        || !Fingerprint.sha1(der).equals(QfpayCa.SHA1)) {
      throw new IllegalStateException(
          "the shipped QFPay CA does not match the published fingerprints; refusing to serve it");
    }
    pem = toPem(der);
  }

  public byte[] der() {
    return der.clone();
  }

  public String pem() {
    return pem;
  }

  public Fingerprint sha256() {
    return Fingerprint.sha256(der);
  }

  public Fingerprint sha1() {
    return Fingerprint.sha1(der);
  }

  public String subject() {
    return certificate.getSubjectX500Principal().getName();
  }

  public X509Certificate certificate() {
    return certificate;
  }

  private static String toPem(byte[] der) {
    String b64 =
        java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
            .encodeToString(der);
    return "-----BEGIN CERTIFICATE-----\n" + b64 + "\n-----END CERTIFICATE-----\n";
  }
}

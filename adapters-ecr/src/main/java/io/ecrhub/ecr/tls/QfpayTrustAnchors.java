package io.ecrhub.ecr.tls;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.QfpayCa;
import io.ecrhub.domain.certificate.TrustAnchors;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.CertificateEncodingException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Adapter: the anchors terminal TLS may chain to: QFPay's ECR CA shipped as the classpath resource
 * {@value #RESOURCE}, accepted only when its SHA-256 and SHA-1 equal the published fingerprints,
 * plus CA certificates from operator-configured PEM files. Never the JVM's default trust store.
 * Construction fails with a {@link TrustAnchorException} whose message says what to fix.
 */
public final class QfpayTrustAnchors implements TrustAnchors {
  /** Classpath location of QFPay's CA ({@code ca3.crt}, CN=QFECR). */
  public static final String RESOURCE = "io/ecrhub/ecr/tls/qfpay-ca3.crt";

  private final X509Certificate qfpayCa;
  private final List<X509Certificate> anchors;

  /** QFPay's CA plus the CA certificates in {@code extraCaFiles} (PEM or DER; may be empty). */
  public QfpayTrustAnchors(List<Path> extraCaFiles) {
    this(readResource(), RESOURCE, extraCaFiles);
  }

  /** Only QFPay's CA. */
  public static QfpayTrustAnchors qfpayOnly() {
    return new QfpayTrustAnchors(List.of());
  }

  /** For tests: QFPay's CA read from {@code qfpayPem} instead of the shipped resource. */
  QfpayTrustAnchors(byte[] qfpayPem, String origin, List<Path> extraCaFiles) {
    this.qfpayCa = verifiedQfpayCa(qfpayPem, origin);
    List<X509Certificate> all = new ArrayList<>();
    all.add(qfpayCa);
    for (Path file : extraCaFiles) {
      all.addAll(readOperatorCas(file));
    }
    this.anchors = List.copyOf(all);
  }

  @Override
  public List<X509Certificate> anchors() {
    return anchors;
  }

  @Override
  public X509Certificate qfpayCa() {
    return qfpayCa;
  }

  private static byte[] readResource() {
    try (InputStream in = QfpayTrustAnchors.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new TrustAnchorException(
            "QFPay CA resource " + RESOURCE + " is missing from the classpath");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new TrustAnchorException("QFPay CA resource " + RESOURCE + " is unreadable: " + e);
    }
  }

  private static X509Certificate verifiedQfpayCa(byte[] pem, String origin) {
    Collection<? extends Certificate> certs;
    try {
      certs = factory().generateCertificates(new ByteArrayInputStream(pem));
    } catch (CertificateException e) {
      throw new TrustAnchorException(
          "QFPay CA " + origin + " is not a readable certificate; refusing to trust it");
    }
    if (certs.size() != 1 || !(certs.iterator().next() instanceof X509Certificate ca)) {
      throw new TrustAnchorException(
          "QFPay CA " + origin + " must hold exactly one X.509 certificate; found " + certs.size());
    }
    Fingerprint sha256 = Fingerprint.sha256(der(ca, origin));
    Fingerprint sha1 = Fingerprint.sha1(der(ca, origin));
    if (!sha256.equals(QfpayCa.SHA256) || !sha1.equals(QfpayCa.SHA1)) {
      throw new TrustAnchorException(
          "QFPay CA "
              + origin
              + " has SHA-256 "
              + sha256
              + " but QFPay publishes "
              + QfpayCa.SHA256
              + "; refusing to trust a modified CA");
    }
    return ca;
  }

  private static List<X509Certificate> readOperatorCas(Path file) {
    byte[] bytes;
    try {
      bytes = Files.readAllBytes(file);
    } catch (IOException | SecurityException e) {
      throw new TrustAnchorException(
          "CA file " + file + " cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    Collection<? extends Certificate> certs;
    try {
      certs = factory().generateCertificates(new ByteArrayInputStream(bytes));
    } catch (CertificateException e) {
      throw new TrustAnchorException("CA file " + file + " is not a PEM or DER certificate");
    }
    if (certs.isEmpty()) {
      throw new TrustAnchorException("CA file " + file + " holds no certificate");
    }
    List<X509Certificate> out = new ArrayList<>();
    for (Certificate c : certs) {
      if (!(c instanceof X509Certificate x)) {
        throw new TrustAnchorException("CA file " + file + " holds a non-X.509 certificate");
      }
      boolean[] usage = x.getKeyUsage();
      boolean canSign = usage == null || (usage.length > 5 && usage[5]);
      if (x.getBasicConstraints() < 0 || !canSign) {
        throw new TrustAnchorException(
            "CA file "
                + file
                + ": "
                + x.getSubjectX500Principal()
                + " is not a CA certificate (needs basicConstraints CA:TRUE and keyCertSign)");
      }
      out.add(x);
    }
    return out;
  }

  private static byte[] der(X509Certificate c, String origin) {
    try {
      return c.getEncoded();
    } catch (CertificateEncodingException e) {
      throw new TrustAnchorException("QFPay CA " + origin + " cannot be encoded");
    }
  }

  private static CertificateFactory factory() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("X.509 is not supported by this JVM", e);
    }
  }
}

package io.ecrhub.simulator;

import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * The simulator's certificates, minted with Bouncy Castle: a CA standing in for QFPay's {@code
 * CN=QFECR} root and terminal leaves that chain to it with an iPAddress SAN (protocol doc §9.2).
 * Also an expired leaf, a leaf from a foreign CA, and chains loaded from PEM files. Keys are EC
 * P-256 (fast to generate on a loaded machine); the real QFPay root is RSA 4096, its leaves are
 * undocumented. Never touches QFPay's real CA key, which nobody outside QFPay has.
 */
public final class SimulatorPki {
  private static final SecureRandom RANDOM = new SecureRandom();

  private SimulatorPki() {}

  /** A certificate authority able to issue terminal leaves. */
  public record Ca(X509Certificate certificate, PrivateKey privateKey) {
    /**
     * Issues a leaf for {@code host} (IP literal → iPAddress SAN, else dNSName) valid for years.
     */
    public CertifiedKey issueLeaf(String host) {
      Instant now = Instant.now();
      return issueLeaf(host, now.minus(Duration.ofHours(1)), now.plus(Duration.ofDays(825)));
    }

    /** Issues a leaf for {@code host} valid between the two instants. */
    public CertifiedKey issueLeaf(String host, Instant notBefore, Instant notAfter) {
      KeyPair kp = ecKeyPair();
      try {
        JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
        X509v3CertificateBuilder b =
            new JcaX509v3CertificateBuilder(
                    certificate,
                    serial(),
                    Date.from(notBefore),
                    Date.from(notAfter),
                    new X500Name("O=ECR Hub Simulator, OU=Terminal, CN=" + host),
                    kp.getPublic())
                .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                .addExtension(
                    Extension.extendedKeyUsage,
                    false,
                    new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth))
                .addExtension(
                    Extension.subjectKeyIdentifier,
                    false,
                    ext.createSubjectKeyIdentifier(kp.getPublic()))
                .addExtension(
                    Extension.authorityKeyIdentifier,
                    false,
                    ext.createAuthorityKeyIdentifier(certificate))
                .addExtension(
                    Extension.subjectAlternativeName, false, new GeneralNames(sanFor(host)));
        return new CertifiedKey(sign(b, privateKey), kp.getPrivate(), List.of(certificate));
      } catch (GeneralSecurityException | IOException e) {
        throw new IllegalStateException("cannot issue a leaf for " + host, e);
      }
    }

    /** The CA certificate as PEM. */
    public String certificatePem() {
      return pem(certificate);
    }
  }

  /** A leaf certificate, its private key and the certificates above it (issuer first). */
  public record CertifiedKey(
      X509Certificate leaf, PrivateKey privateKey, List<X509Certificate> up) {
    public CertifiedKey {
      up = List.copyOf(up);
    }

    /** Leaf followed by its issuers, as a TLS server presents them. */
    public X509Certificate[] chain() {
      List<X509Certificate> all = new ArrayList<>();
      all.add(leaf);
      all.addAll(up);
      return all.toArray(X509Certificate[]::new);
    }
  }

  /** A fresh self-signed CA (EC P-256, CA:TRUE critical, valid 20 years). */
  public static Ca newCa(String commonName) {
    KeyPair kp = ecKeyPair();
    Instant now = Instant.now();
    X500Name name = new X500Name("C=HK, O=ECR Hub Simulator, OU=Test CA, CN=" + commonName);
    try {
      JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
      X509v3CertificateBuilder b =
          new JcaX509v3CertificateBuilder(
                  name,
                  serial(),
                  Date.from(now.minus(Duration.ofDays(1))),
                  Date.from(now.plus(Duration.ofDays(365L * 20))),
                  name,
                  kp.getPublic())
              .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
              .addExtension(
                  Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
              .addExtension(
                  Extension.subjectKeyIdentifier,
                  false,
                  ext.createSubjectKeyIdentifier(kp.getPublic()));
      return new Ca(sign(b, kp.getPrivate()), kp.getPrivate());
    } catch (GeneralSecurityException | IOException e) {
      throw new IllegalStateException("cannot create a CA", e);
    }
  }

  /** A leaf that expired yesterday, signed by {@code ca}. */
  public static CertifiedKey expiredLeaf(Ca ca, String host) {
    Instant now = Instant.now();
    return ca.issueLeaf(host, now.minus(Duration.ofDays(30)), now.minus(Duration.ofDays(1)));
  }

  /** A valid-looking leaf for {@code host} signed by a brand-new CA nobody trusts. */
  public static CertifiedKey foreignLeaf(String host) {
    return newCa("Foreign ECR CA").issueLeaf(host);
  }

  /**
   * Loads a server chain from PEM: {@code chainPem} holds the leaf first, then its issuers; {@code
   * keyPem} the leaf's private key (PKCS#8 or traditional).
   */
  public static CertifiedKey loadChain(Path chainPem, Path keyPem) throws IOException {
    List<X509Certificate> certs = readCertificates(chainPem);
    if (certs.isEmpty()) {
      throw new IOException(chainPem + " holds no certificate");
    }
    return new CertifiedKey(certs.get(0), readPrivateKey(keyPem), certs.subList(1, certs.size()));
  }

  /** Loads a CA (certificate and key) saved earlier with {@link #save(Ca, Path, Path)}. */
  public static Ca loadCa(Path certPem, Path keyPem) throws IOException {
    List<X509Certificate> certs = readCertificates(certPem);
    if (certs.size() != 1) {
      throw new IOException(certPem + " must hold exactly one certificate");
    }
    return new Ca(certs.get(0), readPrivateKey(keyPem));
  }

  /** Writes a CA's certificate and private key as PEM files (the key file is for labs only). */
  public static void save(Ca ca, Path certPem, Path keyPem) throws IOException {
    Files.writeString(certPem, ca.certificatePem(), StandardCharsets.US_ASCII);
    writeOwnerOnly(keyPem, pem(ca.privateKey()));
  }

  /**
   * Writes a private key readable and writable by its owner only ({@code 0600} where the file
   * system has POSIX permissions): the file is created with those permissions, never widened after
   * the key is in it, and an existing file is narrowed before it is overwritten.
   */
  public static void writeOwnerOnly(Path file, String text) throws IOException {
    if (Files.getFileStore(existingDirectoryOf(file))
        .supportsFileAttributeView(PosixFileAttributeView.class)) {
      if (Files.exists(file)) {
        Files.setPosixFilePermissions(file, OWNER_ONLY);
      } else {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
      }
    }
    Files.writeString(file, text, StandardCharsets.US_ASCII);
  }

  private static final Set<PosixFilePermission> OWNER_ONLY =
      EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

  private static Path existingDirectoryOf(Path file) {
    Path dir = file.toAbsolutePath().getParent();
    return dir == null ? file.toAbsolutePath() : dir;
  }

  /** PEM text of a certificate, or of a private key in PKCS#8 ({@code BEGIN PRIVATE KEY}). */
  public static String pem(Object certificateOrKey) {
    StringWriter sw = new StringWriter();
    try (JcaPEMWriter w = new JcaPEMWriter(sw)) {
      if (certificateOrKey instanceof PrivateKey key) {
        w.writeObject(new JcaPKCS8Generator(key, null));
      } else {
        w.writeObject(certificateOrKey);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return sw.toString();
  }

  private static List<X509Certificate> readCertificates(Path file) throws IOException {
    List<X509Certificate> out = new ArrayList<>();
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof org.bouncycastle.cert.X509CertificateHolder h) {
          out.add(new JcaX509CertificateConverter().getCertificate(h));
        }
      }
    } catch (GeneralSecurityException e) {
      throw new IOException("bad certificate in " + file + ": " + e.getMessage(), e);
    }
    return out;
  }

  private static PrivateKey readPrivateKey(Path file) throws IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.US_ASCII);
        PEMParser p = new PEMParser(r)) {
      JcaPEMKeyConverter conv = new JcaPEMKeyConverter();
      for (Object o = p.readObject(); o != null; o = p.readObject()) {
        if (o instanceof PEMKeyPair kp) {
          return conv.getPrivateKey(kp.getPrivateKeyInfo());
        }
        if (o instanceof org.bouncycastle.asn1.pkcs.PrivateKeyInfo info) {
          return conv.getPrivateKey(info);
        }
      }
    }
    throw new IOException(file + " holds no private key");
  }

  private static GeneralName sanFor(String host) {
    if (host.matches("[0-9.]+") || host.contains(":")) {
      try {
        return new GeneralName(
            GeneralName.iPAddress,
            new org.bouncycastle.asn1.DEROctetString(InetAddress.getByName(host).getAddress()));
      } catch (UnknownHostException e) {
        throw new IllegalArgumentException("not an IP literal: " + host, e);
      }
    }
    return new GeneralName(GeneralName.dNSName, host);
  }

  private static X509Certificate sign(X509v3CertificateBuilder b, PrivateKey issuerKey)
      throws GeneralSecurityException {
    try {
      return new JcaX509CertificateConverter()
          .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(issuerKey)));
    } catch (OperatorCreationException e) {
      throw new GeneralSecurityException(e);
    }
  }

  private static BigInteger serial() {
    return new BigInteger(127, RANDOM).add(BigInteger.ONE);
  }

  private static KeyPair ecKeyPair() {
    try {
      KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
      g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
      return g.generateKeyPair();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("EC P-256 unavailable", e);
    }
  }
}

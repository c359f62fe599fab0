package io.ecrhub.ecr.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.domain.certificate.Fingerprint;
import io.ecrhub.domain.certificate.QfpayCa;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class QfpayTrustAnchorsTest {
  @TempDir Path dir;

  @Test
  void shippedQfpayCa_isLoadedAndMatchesThePublishedFingerprint() throws Exception {
    QfpayTrustAnchors anchors = QfpayTrustAnchors.qfpayOnly();

    assertThat(Fingerprint.sha256(anchors.qfpayCa().getEncoded())).isEqualTo(QfpayCa.SHA256);
    assertThat(anchors.qfpayCa().getSubjectX500Principal().toString()).isEqualTo(QfpayCa.SUBJECT);
    assertThat(anchors.anchors()).containsExactly(anchors.qfpayCa());
  }

  @Test
  void tamperedQfpayCa_isRefusedWithTheFingerprintInTheReason() throws Exception {
    byte[] der = shippedDer();
    der[der.length - 10] ^= 0x01; // inside the signature: still parses, different hash
    byte[] pem = pem(der);

    assertThatThrownBy(() -> new QfpayTrustAnchors(pem, "tampered copy", List.of()))
        .isInstanceOf(TrustAnchorException.class)
        .hasMessageContaining("tampered copy")
        .hasMessageContaining(QfpayCa.SHA256.hex())
        .hasMessageContaining("refusing");
  }

  @Test
  void anotherCaInPlaceOfQfpays_isRefused() {
    byte[] pem = TestPki.pem(TestPki.newCa("Impostor").certificate()).getBytes();

    assertThatThrownBy(() -> new QfpayTrustAnchors(pem, "impostor", List.of()))
        .isInstanceOf(TrustAnchorException.class)
        .hasMessageContaining("refusing");
  }

  @Test
  void garbageInPlaceOfQfpays_isRefused() {
    byte[] pem = "not a certificate".getBytes(StandardCharsets.US_ASCII);

    assertThatThrownBy(() -> new QfpayTrustAnchors(pem, "garbage", List.of()))
        .isInstanceOf(TrustAnchorException.class)
        .hasMessageContaining("garbage");
  }

  @Test
  void operatorCaFile_isAddedNextToQfpays() throws Exception {
    TestPki ca = TestPki.newCa("Operator CA");
    Path file = ca.writePem(dir, "operator.pem");

    QfpayTrustAnchors anchors = new QfpayTrustAnchors(List.of(file));

    assertThat(anchors.anchors()).containsExactly(anchors.qfpayCa(), ca.certificate());
  }

  @Test
  void unreadableCaFile_failsNamingTheFile() {
    Path missing = dir.resolve("missing.pem");

    assertThatThrownBy(() -> new QfpayTrustAnchors(List.of(missing)))
        .isInstanceOf(TrustAnchorException.class)
        .hasMessageContaining(missing.toString())
        .hasMessageContaining("cannot be read");
  }

  @Test
  void leafCertificateAsCaFile_isRefusedAsNotACa() throws Exception {
    TestPki ca = TestPki.newCa("Operator CA");
    Path file =
        Files.writeString(
            dir.resolve("leaf.pem"), TestPki.pem(ca.issueServer("leaf", "127.0.0.1").leaf()));

    assertThatThrownBy(() -> new QfpayTrustAnchors(List.of(file)))
        .isInstanceOf(TrustAnchorException.class)
        .hasMessageContaining("is not a CA certificate");
  }

  @Test
  void nonCertificateCaFile_isRefused() throws Exception {
    Path file = Files.writeString(dir.resolve("notes.txt"), "hello");

    assertThatThrownBy(() -> new QfpayTrustAnchors(List.of(file)))
        .isInstanceOf(TrustAnchorException.class)
        .hasMessageContaining("notes.txt");
  }

  private static byte[] shippedDer() throws IOException {
    try (InputStream in =
        QfpayTrustAnchorsTest.class
            .getClassLoader()
            .getResourceAsStream(QfpayTrustAnchors.RESOURCE)) {
      String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      String b64 =
          text.replace("-----BEGIN CERTIFICATE-----", "")
              .replace("-----END CERTIFICATE-----", "")
              .replaceAll("\\s", "");
      return Base64.getDecoder().decode(b64);
    }
  }

  private static byte[] pem(byte[] der) {
    return ("-----BEGIN CERTIFICATE-----\n"
            + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                .encodeToString(der)
            + "\n-----END CERTIFICATE-----\n")
        .getBytes(StandardCharsets.US_ASCII);
  }
}

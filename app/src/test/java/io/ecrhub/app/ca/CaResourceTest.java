package io.ecrhub.app.ca;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.certificate.Fingerprint;
import io.quarkus.test.junit.QuarkusTest;
import java.io.ByteArrayInputStream;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;

/** The CA endpoints serve exactly QFPay's published CA, without an API key. */
@QuarkusTest
class CaResourceTest {
  static final String SHA256 =
      "9C:0F:A4:04:C5:9F:D7:A2:7E:A3:1F:6B:96:F4:74:01:1B:3F:86:8A:A0:84:61:47:4D:75:69:ED:63:0D:32:C3";
  static final String SHA1 = "A7:4C:AD:CE:D7:21:AD:CB:77:C8:F6:47:6C:19:E6:C6:4E:0E:6A:61";

  private static X509Certificate parse(byte[] bytes) throws Exception {
    return (X509Certificate)
        CertificateFactory.getInstance("X.509")
            .generateCertificate(new ByteArrayInputStream(bytes));
  }

  @Test
  void pemDownload_hasThePublishedFingerprints() throws Exception {
    byte[] body =
        given()
            .get("/ca/qfpay-ca3.crt")
            .then()
            .statusCode(200)
            .contentType("application/x-pem-file")
            .extract()
            .asByteArray();
    assertThat(new String(body, java.nio.charset.StandardCharsets.US_ASCII))
        .startsWith("-----BEGIN CERTIFICATE-----");
    byte[] der = parse(body).getEncoded();
    assertThat(Fingerprint.sha256(der).colonSeparated()).isEqualTo(SHA256);
    assertThat(Fingerprint.sha1(der).colonSeparated()).isEqualTo(SHA1);
  }

  @Test
  void derDownload_isTheSameCertificate() throws Exception {
    byte[] der =
        given()
            .get("/ca/qfpay-ca3.der")
            .then()
            .statusCode(200)
            .contentType("application/pkix-cert")
            .extract()
            .asByteArray();
    assertThat(Fingerprint.sha256(der).colonSeparated()).isEqualTo(SHA256);
    assertThat(Fingerprint.sha1(der).colonSeparated()).isEqualTo(SHA1);
    assertThat(parse(der).getSubjectX500Principal().getName()).contains("CN=QFECR");
  }

  @Test
  void page_listsBothFingerprints_andTheInstallSteps() {
    String html = given().get("/ca").then().statusCode(200).extract().asString();
    assertThat(html)
        .contains(SHA256)
        .contains(SHA1)
        .contains("Android")
        .contains("Windows")
        .contains("Trusted Root Certification Authorities");
  }
}

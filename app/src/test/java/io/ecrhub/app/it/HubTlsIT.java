package io.ecrhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.ecrhub.simulator.SimulatorPki;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTPS on the hub's public port, configured as the README says (Quarkus' TLS registry: PEM files
 * or a PKCS#12 key store, {@code quarkus.http.insecure-requests}), on the packaged hub. The server
 * certificate comes from a CA generated here, and the client trusts that CA only (never trust-all):
 * the API answers over HTTPS, plain HTTP is redirected ({@code redirect}) or not served at all
 * ({@code disabled}), and the management interface stays on loopback (HTTPS too: it follows the
 * default TLS configuration).
 */
class HubTlsIT {
  private static final char[] PASSWORD = "it-keystore-password".toCharArray();

  @TempDir Path work;
  private SimulatorPki.Ca ca;
  private SimulatorPki.CertifiedKey server;

  @BeforeEach
  void issueServerCertificate() {
    ca = SimulatorPki.newCa("ECR Hub API test CA");
    server = ca.issueLeaf("127.0.0.1");
  }

  @Test
  void pemCertificate_servesTheApiOverHttps_andRedirectsPlainHttp() throws Exception {
    Path cert = work.resolve("hub.crt");
    Path key = work.resolve("hub.key");
    Files.writeString(cert, SimulatorPki.pem(server.leaf()) + SimulatorPki.pem(ca.certificate()));
    SimulatorPki.writeOwnerOnly(key, SimulatorPki.pem(server.privateKey()));
    Map<String, String> env = HubProcess.database(null);
    env.put("QUARKUS_TLS_KEY_STORE_PEM_HUB_CERT", cert.toString());
    env.put("QUARKUS_TLS_KEY_STORE_PEM_HUB_KEY", key.toString());
    // a fixed HTTPS port: with ssl-port 0 Quarkus redirects to "https://host:-2/..."
    int httpsPort = freePort();
    env.put("QUARKUS_HTTP_SSL_PORT", Integer.toString(httpsPort));
    env.put("QUARKUS_HTTP_INSECURE_REQUESTS", "redirect");

    try (HubProcess hub = HubProcess.start("tls-pem", work, env)) {
      HttpClient trusting = client(ca.certificate());
      HttpResponse<String> api = get(trusting, hub.httpsUri() + "/api/v1/terminals", true);
      assertThat(api.statusCode()).isEqualTo(200);
      assertThat(api.body()).contains("\"items\"");
      assertThat(get(trusting, hub.httpsUri() + "/ca/", false).statusCode()).isEqualTo(200);
      // management paths are not on the public port, over HTTPS either
      assertThat(get(trusting, hub.httpsUri() + "/q/health", false).statusCode()).isEqualTo(404);

      HttpResponse<String> plain = get(http11(trusting), hub.baseUri() + "/api/v1/terminals", true);
      assertThat(plain.statusCode()).isEqualTo(301);
      assertThat(plain.headers().firstValue("Location"))
          .hasValue("https://127.0.0.1:" + httpsPort + "/api/v1/terminals");
      assertThat(plain.body()).doesNotContain("\"items\"");
      // an HTTP/2 upgrade attempt over plain HTTP (h2c) is not served either
      HttpResponse<String> h2c = get(trusting, hub.baseUri() + "/api/v1/terminals", true);
      assertThat(h2c.statusCode()).isIn(301, 404);
      assertThat(h2c.body()).doesNotContain("\"items\"");

      // a client that trusts another CA does not get through: the certificate served is ours
      HttpClient stranger = client(SimulatorPki.newCa("Some other CA").certificate());
      assertThatThrownBy(() -> get(stranger, hub.httpsUri() + "/ca/", false))
          .isInstanceOf(SSLHandshakeException.class);

      // the management interface stays on loopback and takes the same (default) TLS configuration
      assertThat(hub.managementUri()).startsWith("https://127.0.0.1:");
      assertThat(get(trusting, hub.managementUri() + "/q/health/ready", false).statusCode())
          .isEqualTo(200);
    }
  }

  @Test
  void pkcs12KeyStore_servesTheApiOverHttps_andNoPlainHttpWhenDisabled() throws Exception {
    Path p12 = work.resolve("hub.p12");
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setKeyEntry("hub", server.privateKey(), PASSWORD, server.chain());
    try (OutputStream out = Files.newOutputStream(p12)) {
      ks.store(out, PASSWORD);
    }
    int plainPort = freePort();
    Map<String, String> env = new HashMap<>(HubProcess.database(null));
    env.put("QUARKUS_TLS_KEY_STORE_P12_PATH", p12.toString());
    env.put("QUARKUS_TLS_KEY_STORE_P12_PASSWORD", new String(PASSWORD));
    env.put("QUARKUS_HTTP_SSL_PORT", "0");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(plainPort));
    env.put("QUARKUS_HTTP_INSECURE_REQUESTS", "disabled");

    try (HubProcess hub = HubProcess.start("tls-p12", work, env)) {
      HttpClient trusting = client(ca.certificate());
      assertThat(get(trusting, hub.httpsUri() + "/api/v1/terminals", true).statusCode())
          .isEqualTo(200);

      assertThatThrownBy(hub::baseUri).hasMessageContaining("serves no plain HTTP");
      assertThatThrownBy(
              () -> get(trusting, "http://127.0.0.1:" + plainPort + "/api/v1/terminals", true))
          .isInstanceOf(ConnectException.class);
    }
  }

  private static HttpResponse<String> get(HttpClient client, String uri, boolean withKey)
      throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(uri)).timeout(Duration.ofSeconds(30));
    if (withKey) {
      b.header("Authorization", "Bearer " + HubProcess.ADMIN_KEY);
    }
    return client.send(b.GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The same trust, speaking HTTP/1.1 only (no h2c upgrade on plain HTTP). */
  private static HttpClient http11(HttpClient client) throws Exception {
    return HttpClient.newBuilder()
        .sslContext(client.sslContext())
        .version(HttpClient.Version.HTTP_1_1)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** A client that trusts exactly this CA (and verifies the host name, as by default). */
  private static HttpClient client(X509Certificate trusted) throws Exception {
    KeyStore anchors = KeyStore.getInstance("PKCS12");
    anchors.load(null, null);
    anchors.setCertificateEntry("ca", trusted);
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(anchors);
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, tmf.getTrustManagers(), null);
    return HttpClient.newBuilder()
        .sslContext(ctx)
        .followRedirects(HttpClient.Redirect.NEVER)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }
}

package io.ecrhub.notify.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.SendResult;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SNIServerName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * https with the connection pinned to the checked address: the TLS handshake still carries the
 * original name (SNI) and the certificate must name it. A local TLS server on 127.0.0.1 with a
 * certificate for {@code hooks.example.test} (made with the JDK's keytool) stands in for the
 * consumer; the guard's resolver maps the names to it.
 */
class PinnedTlsTest {
  static final Instant NOW = Instant.parse("2025-08-26T08:00:00Z");
  static final String PASS = "changeit";
  @TempDir Path dir;
  SSLContext serverTls;
  SSLContext clientTls;
  SSLServerSocket server;
  final List<String> sniSeen = new CopyOnWriteArrayList<>();
  final List<String> requests = new CopyOnWriteArrayList<>();

  @BeforeEach
  void start() throws Exception {
    Path ks = dir.resolve("hook.p12");
    Process p =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair",
                "-alias",
                "hook",
                "-keyalg",
                "EC",
                "-groupname",
                "secp256r1",
                "-dname",
                "CN=hooks.example.test",
                "-ext",
                "SAN=dns:hooks.example.test",
                "-validity",
                "2",
                "-keystore",
                ks.toString(),
                "-storetype",
                "PKCS12",
                "-storepass",
                PASS,
                "-keypass",
                PASS)
            .redirectErrorStream(true)
            .start();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).as(new String(p.getInputStream().readAllBytes())).isZero();
    KeyStore keys = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      keys.load(in, PASS.toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(keys, PASS.toCharArray());
    serverTls = SSLContext.getInstance("TLS");
    serverTls.init(kmf.getKeyManagers(), null, null);
    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("hook", keys.getCertificate("hook"));
    TrustManagerFactory tmf =
        TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    clientTls = SSLContext.getInstance("TLS");
    clientTls.init(null, tmf.getTrustManagers(), null);

    server =
        (SSLServerSocket)
            serverTls
                .getServerSocketFactory()
                .createServerSocket(0, 5, InetAddress.getLoopbackAddress());
    Thread t = new Thread(this::serve, "tls-consumer");
    t.setDaemon(true);
    t.start();
  }

  @AfterEach
  void stop() throws Exception {
    server.close();
  }

  private void serve() {
    while (!server.isClosed()) {
      try (SSLSocket s = (SSLSocket) server.accept()) {
        s.setSoTimeout(5_000);
        s.startHandshake();
        for (SNIServerName n : ((ExtendedSSLSession) s.getSession()).getRequestedServerNames()) {
          sniSeen.add(((SNIHostName) n).getAsciiName());
        }
        InputStream in = s.getInputStream();
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.ISO_8859_1).endsWith("\r\n\r\n")) {
          int c = in.read();
          if (c < 0) {
            break;
          }
          head.write(c);
        }
        requests.add(head.toString(StandardCharsets.ISO_8859_1));
        OutputStream out = s.getOutputStream();
        out.write(
            "HTTP/1.1 200 OK\r\nContent-Length: 7\r\nConnection: close\r\n\r\nSUCCESS"
                .getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
      } catch (Exception e) {
        // a refused handshake (the wrong-name test) or the end of the test
      }
    }
  }

  HttpWebhookSender sender() {
    TargetGuard toLoopback =
        new TargetGuard(host -> new InetAddress[] {InetAddress.getLoopbackAddress()});
    return new HttpWebhookSender(
        toLoopback,
        new HttpWebhookSender.Settings(Duration.ofSeconds(5), Duration.ofSeconds(5), 64),
        clientTls);
  }

  Subscription to(String host) {
    return new Subscription(
        "sub_1",
        URI.create("https://" + host + ":" + server.getLocalPort() + "/qfpay/notify"),
        EventFilter.of("*"),
        DeliveryFormat.QFPAY,
        WebhookSecret.of("odoo-side-key"),
        true,
        true,
        null,
        NOW);
  }

  OutboxMessage message() {
    return OutboxMessage.record(
        "msg_1", "sub_1", "payment.succeeded", HttpWebhookSenderTest.BODY, NOW);
  }

  @Test
  void pinnedHttps_sendsTheOriginalNameAsSni_andVerifiesTheCertificateForIt() {
    SendResult r = sender().send(to("hooks.example.test"), message(), NOW);

    assertThat(r.success()).as(String.valueOf(r.error())).isTrue();
    assertThat(sniSeen).containsExactly("hooks.example.test");
    assertThat(requests.get(0))
        .contains("Host: hooks.example.test:" + server.getLocalPort() + "\r\n");
  }

  @Test
  void pinnedHttps_toANameTheCertificateDoesNotCover_isRefusedBeforeAnythingIsSent() {
    SendResult r = sender().send(to("other.example.test"), message(), NOW);

    assertThat(r.success()).isFalse();
    assertThat(r.httpStatus()).isNull();
    assertThat(r.error()).startsWith("TLS failed");
    assertThat(requests).isEmpty();
  }
}

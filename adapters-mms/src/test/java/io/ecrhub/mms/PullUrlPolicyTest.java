package io.ecrhub.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ecrhub.domain.merchant.ConfigSourceException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The pull source reads POS keys, so it pulls over https only (plain http for loopback literals,
 * which tests use), and never follows a redirect (a redirect to http would hand the keys to whoever
 * sits on the path). The only server contacted is a loopback one; refused URLs are never dialled.
 */
class PullUrlPolicyTest {
  private HttpServer server;
  private final AtomicInteger moved = new AtomicInteger();
  private final AtomicInteger devices = new AtomicInteger();

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/moved",
        ex -> {
          moved.incrementAndGet();
          String to = ex.getRequestURI().getQuery().substring("to=".length());
          ex.getResponseHeaders().add("Location", to);
          ex.sendResponseHeaders(302, -1);
          ex.close();
        });
    server.createContext(
        "/devices",
        ex -> {
          devices.incrementAndGet();
          byte[] out = "[]".getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(200, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://192.0.2.10/devices",
        "http://partner.example/devices",
        "http://localhost:8080/devices",
        "http://127.0.0.1.nip.example/devices",
        "http://128.0.0.1/devices",
        "ftp://partner.example/devices",
        "/devices"
      })
  void plainHttpToAnythingButALoopbackLiteral_isRefusedWhenConfigured(String url) {
    assertThatThrownBy(() -> HttpSourceConfig.of(URI.create(url), null, null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("https://");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "https://partner.example/devices",
        "HTTPS://192.0.2.10:8443/devices",
        "http://127.0.0.1:8080/devices",
        "http://127.10.0.1/devices",
        "http://[::1]:8080/devices"
      })
  void httpsAnywhere_andPlainHttpOnLoopback_areAccepted(String url) {
    assertThatCode(() -> HttpSourceConfig.of(URI.create(url), null, null))
        .doesNotThrowAnyException();
  }

  @Test
  void redirectToPlainHttp_isNotFollowed_andSaysSo() {
    URI url = URI.create(base() + "/moved?to=http://192.0.2.7/devices");
    HttpMerchantConfigSource source =
        new HttpMerchantConfigSource(
            HttpSourceConfig.of(url, null, null), Clock.systemUTC(), d -> {});

    assertThatThrownBy(source::fetch)
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("redirect to http://192.0.2.7/devices not followed");
    assertThat(moved.get()).as("a redirect is not retried either").isEqualTo(1);
  }

  @Test
  void aClientThatFollowedARedirect_stillHasItsAnswerRefused() {
    URI url = URI.create(base() + "/moved?to=" + base() + "/devices");
    HttpClient following =
        HttpClient.newBuilder()
            .connectTimeout(Duration.ofSeconds(5))
            .followRedirects(HttpClient.Redirect.ALWAYS)
            .build();
    HttpMerchantConfigSource source =
        new HttpMerchantConfigSource(
            HttpSourceConfig.of(url, null, null), following, Clock.systemUTC(), d -> {});

    assertThatThrownBy(source::fetch)
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("redirect not followed");
    assertThat(devices.get()).as("the client did follow it; the answer was dropped").isEqualTo(1);
  }
}

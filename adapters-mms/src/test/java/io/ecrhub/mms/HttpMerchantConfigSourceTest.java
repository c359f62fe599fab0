package io.ecrhub.mms;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.DeviceConfig;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HttpMerchantConfigSourceTest {
  static final String KEY_A = CsvMerchantConfigSourceTest.KEY_A;
  static final String TOKEN = "Bearer s3cr3t-partner-token-123456";
  static final String BODY =
      "{\"result\":{\"terminals\":[{\"sn\":\"P1\",\"secret\":{\"pos\":\""
          + KEY_A
          + "\"},\"https_flag\":\"Y\",\"aes\":1,\"lan\":\"10.0.0.5\"},"
          + "{\"sn\":\"P2\",\"secret\":{\"pos\":\"bad\"},\"https_flag\":\"N\",\"aes\":1}]}}";

  private HttpServer server;
  private final AtomicInteger hits = new AtomicInteger();
  private final AtomicInteger failuresLeft = new AtomicInteger();
  private volatile int failStatus = 503;
  private final List<String> authSeen = new CopyOnWriteArrayList<>();
  private final List<Duration> pauses = new ArrayList<>();
  private final MutableClock clock = new MutableClock(Instant.parse("2026-01-05T10:00:00Z"));

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/devices",
        ex -> {
          hits.incrementAndGet();
          authSeen.add(ex.getRequestHeaders().getFirst("Authorization"));
          byte[] out;
          int status;
          if (failuresLeft.getAndDecrement() > 0) {
            status = failStatus;
            out = "down".getBytes(StandardCharsets.UTF_8);
          } else {
            status = 200;
            out = BODY.getBytes(StandardCharsets.UTF_8);
          }
          ex.sendResponseHeaders(status, out.length);
          ex.getResponseBody().write(out);
          ex.close();
        });
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create(
        "http://127.0.0.1:" + server.getAddress().getPort() + "/devices?token=querysecret");
  }

  private HttpSourceConfig config(URI url, int attempts, int threshold) {
    return new HttpSourceConfig(
        url,
        "Authorization",
        TOKEN,
        "/result/terminals",
        Map.of("deviceId", "sn", "posKey", "/secret/pos", "https", "https_flag", "ip", "lan"),
        Duration.ofSeconds(30),
        attempts,
        Duration.ofMillis(100),
        Duration.ofMillis(150),
        threshold,
        Duration.ofMinutes(5),
        ImportOptions.defaults());
  }

  private HttpMerchantConfigSource source(HttpSourceConfig c) {
    return new HttpMerchantConfigSource(c, clock, pauses::add);
  }

  @Test
  void transientFailures_areRetriedWithBackoff_thenTheMappedListIsRead() {
    failuresLeft.set(2);
    ConfigSnapshot s = source(config(url(), 3, 3)).fetch();

    assertThat(hits.get()).isEqualTo(3);
    assertThat(pauses).containsExactly(Duration.ofMillis(100), Duration.ofMillis(150));
    assertThat(authSeen).containsOnly(TOKEN);
    assertThat(s.devices())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.deviceId()).isEqualTo("P1");
              assertThat(d.https()).isTrue();
              assertThat(d.encryption()).isTrue();
              assertThat(d.ip()).isEqualTo("10.0.0.5");
            });
    assertThat(s.errors())
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.row()).isEqualTo(2);
              assertThat(e.field()).isEqualTo("pos key");
              assertThat(e.deviceId()).isEqualTo("P2");
            });
  }

  @Test
  void failingSource_opensTheCircuit_thenRecoversAfterTheWait() {
    failuresLeft.set(2);
    HttpMerchantConfigSource src = source(config(url(), 1, 2));

    assertThatThrownBy(src::fetch).isInstanceOf(ConfigSourceException.class);
    assertThatThrownBy(src::fetch).hasMessageContaining("HTTP 503");
    assertThat(src.health().state()).isEqualTo("OPEN");
    assertThat(hits.get()).isEqualTo(2);

    assertThatThrownBy(src::fetch)
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("circuit open");
    assertThat(hits.get()).isEqualTo(2);

    clock.advance(Duration.ofMinutes(5));
    ConfigSnapshot s = src.fetch();
    assertThat(s.devices()).extracting(DeviceConfig::deviceId).containsExactly("P1");
    assertThat(src.health().state()).isEqualTo("CLOSED");
    assertThat(hits.get()).isEqualTo(3);
  }

  @Test
  void trialAfterTheWait_thatFailsAgain_reopensAtOnce() {
    failuresLeft.set(10);
    HttpMerchantConfigSource src = source(config(url(), 1, 2));
    assertThatThrownBy(src::fetch).isInstanceOf(ConfigSourceException.class);
    assertThatThrownBy(src::fetch).isInstanceOf(ConfigSourceException.class);
    clock.advance(Duration.ofMinutes(6));
    assertThatThrownBy(src::fetch).hasMessageContaining("HTTP 503");
    assertThat(src.health().state()).isEqualTo("OPEN");
    assertThatThrownBy(src::fetch).hasMessageContaining("circuit open");
    assertThat(hits.get()).isEqualTo(3);
  }

  @Test
  void unauthorised_isNotRetried_andNeverEchoesTheCredential() {
    failuresLeft.set(5);
    failStatus = 401;
    HttpMerchantConfigSource src = source(config(url(), 3, 3));
    assertThatThrownBy(src::fetch)
        .isInstanceOf(ConfigSourceException.class)
        .hasMessageContaining("HTTP 401")
        .hasMessageContaining("auth header")
        .hasMessageNotContaining("s3cr3t")
        .hasMessageNotContaining("querysecret");
    assertThat(hits.get()).isEqualTo(1);
    assertThat(pauses).isEmpty();
    assertThat(src.name()).doesNotContain("querysecret");
    assertThat(config(url(), 3, 3).toString())
        .doesNotContain("s3cr3t")
        .doesNotContain("querysecret");
  }

  @Test
  void closedPort_failsFast_withRetries() throws IOException {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    HttpMerchantConfigSource src =
        source(config(URI.create("http://127.0.0.1:" + port + "/devices"), 2, 5));
    assertThatThrownBy(src::fetch)
        .isInstanceOf(ConfigSourceException.class)
        .extracting(e -> ((ConfigSourceException) e).code())
        .isEqualTo(ConfigSourceException.UNAVAILABLE);
    assertThat(pauses).containsExactly(Duration.ofMillis(100));
  }

  @Test
  void mappingToAnUnknownField_isRefusedAtConfiguration() {
    assertThatThrownBy(
            () ->
                new HttpSourceConfig(
                    url(),
                    null,
                    null,
                    null,
                    Map.of("colour", "c"),
                    Duration.ofSeconds(1),
                    1,
                    Duration.ZERO,
                    Duration.ZERO,
                    1,
                    Duration.ofMinutes(1),
                    ImportOptions.defaults()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("colour");
  }

  /** A clock the test moves by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}

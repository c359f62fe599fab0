package io.ecrhub.simulator;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrFunction;
import io.ecrhub.ecr.codec.EcrResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * The test's ECR client: the JDK HttpClient trusting ONLY the simulator's CA (never trust-all), the
 * hub's codec to build requests and read answers.
 */
final class EcrTestClient {
  static final Duration WAIT = Duration.ofSeconds(30);

  private final SimulatedTerminal terminal;
  private final URI base;
  private final HttpClient http;

  EcrTestClient(SimulatedTerminal terminal) {
    this(terminal, terminal.httpsUri(), terminal.caCertificate());
  }

  EcrTestClient(SimulatedTerminal terminal, URI base, X509Certificate trustedCa) {
    this.terminal = terminal;
    this.base = base;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .sslContext(trusting(trustedCa))
            .connectTimeout(WAIT)
            .build();
  }

  /** An SSLContext whose only trust anchor is {@code ca}. */
  static SSLContext trusting(X509Certificate ca) {
    try {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(null, null);
      ks.setCertificateEntry("simulator-ca", ca);
      TrustManagerFactory tmf =
          TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      tmf.init(ks);
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(null, tmf.getTrustManagers(), null);
      return ctx;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** Sends {@code content} to the function's path with the terminal's current key and mode. */
  EcrResponse send(EcrFunction fn, Map<String, ?> content) throws Exception {
    return sendAsync(fn, content).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  CompletableFuture<EcrResponse> sendAsync(EcrFunction fn, Map<String, ?> content)
      throws EcrCodecException {
    String body = EcrCodec.encodeRequest(content, terminal.posKey(), terminal.encryption());
    return postAsync(fn.path(), body).thenApply(this::decode);
  }

  /** Sends with an explicit key and mode (for wrong-key tests). */
  EcrResponse send(EcrFunction fn, Map<String, ?> content, String key, boolean encryption)
      throws Exception {
    String body = EcrCodec.encodeRequest(content, key, encryption);
    return decode(post(fn.path(), body));
  }

  HttpResponse<String> post(String path, String body) throws Exception {
    return postAsync(path, body).get(WAIT.toSeconds(), TimeUnit.SECONDS);
  }

  CompletableFuture<HttpResponse<String>> postAsync(String path, String body) {
    HttpRequest req =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(WAIT)
            .header("Content-Type", "application/json")
            .header("Accept", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build();
    return http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  HttpResponse<String> get(String path) throws Exception {
    HttpRequest req = HttpRequest.newBuilder(base.resolve(path)).timeout(WAIT).GET().build();
    return http.send(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
  }

  EcrResponse decode(HttpResponse<String> resp) {
    try {
      return EcrCodec.decodeResponse(
          resp.body().getBytes(StandardCharsets.UTF_8), terminal.posKey());
    } catch (EcrCodecException e) {
      throw new IllegalStateException("undecodable answer: " + resp.body(), e);
    }
  }

  static Map<String, Object> trade(String amt, String channel, String outTradeNo) {
    return Map.of(
        "func_type",
        1001,
        "amt",
        new java.math.BigDecimal(amt),
        "channel",
        channel,
        "out_trade_no",
        outTradeNo);
  }

  static Map<String, Object> refund(String orderId, String amount) {
    return amount == null
        ? Map.of("func_type", 1002, "orderId", orderId)
        : Map.of("func_type", 1002, "orderId", orderId, "refund_amount", amount);
  }

  static Map<String, Object> queryBySyssn(String syssn) {
    return Map.of("func_type", 4001, "orderId", syssn);
  }

  static Map<String, Object> queryByOutTradeNo(String outTradeNo) {
    return Map.of("func_type", 4001, "out_trade_no", outTradeNo);
  }

  static Map<String, Object> cancelRequest() {
    return Map.of("func_type", 5001);
  }
}

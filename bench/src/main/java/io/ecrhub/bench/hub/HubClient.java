package io.ecrhub.bench.hub;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The hub's REST API as the bench needs it: register a terminal, start a payment, read it, follow a
 * terminal's events. Payments and events go through {@link RawHttp} (a blocking keep-alive socket,
 * like the direct series' client) unless {@code jdkClient} is set, then through one JDK {@link
 * HttpClient} (HTTP/1.1, keep-alive), as before; bearer key on every request, loopback only.
 */
final class HubClient {
  private static final Duration TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern STATUS = Pattern.compile("\"status\"\\s*:\\s*\"([A-Z_]+)\"");

  private final HttpClient http =
      HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(TIMEOUT).build();
  private final URI base;
  private final String auth;
  private final RawHttp raw;

  /** A response as the bench reads it. */
  record Reply(int status, String body) {}

  HubClient(URI base, String adminKey, boolean jdkClient) {
    if (!"127.0.0.1".equals(base.getHost()) && !"localhost".equals(base.getHost())) {
      throw new IllegalArgumentException("loopback only: " + base);
    }
    this.base = base;
    this.auth = "Bearer " + adminKey;
    this.raw = jdkClient ? null : new RawHttp(base.getHost(), base.getPort());
  }

  /** Registers a terminal on 127.0.0.1 over plain HTTP; its hub id. */
  String registerHttpTerminal(String name, int port, String posKey)
      throws IOException, InterruptedException {
    String body =
        "{\"name\":\"%s\",\"host\":\"127.0.0.1\",\"port\":%d,\"transport\":\"HTTP\",\"posKey\":\"%s\",\"encryption\":true,\"model\":\"LANDI_A8\"}"
            .formatted(name, port, posKey);
    HttpResponse<String> r = send(post("/api/v1/terminals", body, null));
    if (r.statusCode() != 201 && r.statusCode() != 200) {
      throw new IOException("terminal registration: HTTP " + r.statusCode() + " " + r.body());
    }
    return field(ID, r.body());
  }

  /** {@code POST /api/v1/payments}; the status code and body as returned. */
  Reply startPayment(String terminalId, String reference) throws IOException, InterruptedException {
    String body =
        "{\"terminalId\":\"%s\",\"amount\":\"10.00\",\"currency\":\"HKD\",\"channel\":\"card_payment\",\"reference\":\"%s\"}"
            .formatted(terminalId, reference);
    if (raw != null) {
      RawHttp.Response r =
          raw.exchange(
              "POST",
              "/api/v1/payments",
              Map.of("Authorization", auth, "Idempotency-Key", reference),
              body);
      return new Reply(r.status(), r.body());
    }
    HttpResponse<String> r = send(post("/api/v1/payments", body, reference));
    return new Reply(r.statusCode(), r.body());
  }

  /** {@code GET /api/v1/payments/{id}}; the payment's status. */
  String paymentStatus(String id) throws IOException, InterruptedException {
    HttpRequest get =
        HttpRequest.newBuilder(base.resolve("/api/v1/payments/" + id))
            .timeout(TIMEOUT)
            .header("Authorization", auth)
            .GET()
            .build();
    HttpResponse<String> r = send(get);
    if (r.statusCode() != 200) {
      throw new IOException("read payment " + id + ": HTTP " + r.statusCode() + " " + r.body());
    }
    return field(STATUS, r.body());
  }

  /**
   * Follows {@code GET /api/v1/terminals/{id}/events} (Server-Sent Events, events from now on) on a
   * daemon thread and hands each {@code data:} line to {@code onData}; returns once the stream is
   * open (HTTP 200 read), so no event of a payment started afterwards is missed.
   */
  void followTerminal(String terminalId, Consumer<String> onData)
      throws IOException, InterruptedException {
    if (raw != null) {
      RawHttp.follow(
          base.getHost(),
          base.getPort(),
          "/api/v1/terminals/" + terminalId + "/events",
          Map.of("Authorization", auth),
          onData);
      return;
    }
    HttpRequest get =
        HttpRequest.newBuilder(base.resolve("/api/v1/terminals/" + terminalId + "/events"))
            .header("Authorization", auth)
            .header("Accept", "text/event-stream")
            .GET()
            .build();
    HttpResponse<Stream<String>> r = http.send(get, HttpResponse.BodyHandlers.ofLines());
    if (r.statusCode() != 200) {
      throw new IOException("terminal events: HTTP " + r.statusCode());
    }
    Thread reader =
        new Thread(
            () ->
                r.body()
                    .filter(line -> line.startsWith("data:"))
                    .forEach(line -> onData.accept(line.substring(5).trim())),
            "bench-sse");
    reader.setDaemon(true);
    reader.start();
  }

  static String field(Pattern p, String json) throws IOException {
    Matcher m = p.matcher(json);
    if (!m.find()) {
      throw new IOException("no " + p + " in " + json);
    }
    return m.group(1);
  }

  static String id(String json) throws IOException {
    return field(ID, json);
  }

  static String status(String json) throws IOException {
    return field(STATUS, json);
  }

  private HttpRequest post(String path, String json, String idempotencyKey) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(base.resolve(path))
            .timeout(TIMEOUT)
            .header("Authorization", auth)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json));
    if (idempotencyKey != null) {
      b.header("Idempotency-Key", idempotencyKey);
    }
    return b.build();
  }

  private HttpResponse<String> send(HttpRequest r) throws IOException, InterruptedException {
    return http.send(r, HttpResponse.BodyHandlers.ofString());
  }
}

package io.ecrhub.app.mms;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A partner's device-list API for the MMS pull tests: a JDK HTTP server on an ephemeral loopback
 * port that either fails with a status or serves a JSON device list. One per test JVM (the pull
 * test profiles share it, one after the other).
 */
final class PartnerApiServer {
  static final String PATH = "/partner/v1/devices";
  static final String AUTH_HEADER = "X-Api-Key";
  static final String AUTH_VALUE = "partner-token-7f3a9c";

  private static HttpServer server;
  private static volatile int failStatus = 500;
  private static volatile String body = "{\"data\":{\"devices\":[]}}";
  private static volatile String lastAuth;
  private static final AtomicInteger REQUESTS = new AtomicInteger();

  private PartnerApiServer() {}

  /** Starts the server once and returns the device-list URL. */
  static synchronized String url() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          PATH,
          exchange -> {
            REQUESTS.incrementAndGet();
            lastAuth = exchange.getRequestHeaders().getFirst(AUTH_HEADER);
            int status = failStatus;
            byte[] out =
                (status == 0 ? body : "{\"error\":\"partner backend down\"}")
                    .getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(status == 0 ? 200 : status, out.length);
            try (OutputStream o = exchange.getResponseBody()) {
              o.write(out);
            }
          });
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort() + PATH;
  }

  /** Every request fails with {@code status}. */
  static void failWith(int status) {
    failStatus = status;
  }

  /** Requests succeed with this device list (under {@code /data/devices}). */
  static void serve(String devicesJsonArray) {
    body = "{\"data\":{\"devices\":" + devicesJsonArray + "}}";
    failStatus = 0;
  }

  static int requests() {
    return REQUESTS.get();
  }

  static String lastAuth() {
    return lastAuth;
  }

  /** One device in the partner's format (mapped by the test profile's field mapping). */
  static String device(String sn, String key, String ip) {
    return "{\"terminal_sn\":\""
        + sn
        + "\",\"label\":\"Till "
        + sn
        + "\",\"secret\":{\"pos\":\""
        + key
        + "\"},\"https_flag\":\"no\",\"aes\":\"yes\",\"lan\":\""
        + ip
        + "\"}";
  }
}

package io.ecrhub.app.notify;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;

/** A downstream consumer on 127.0.0.1 (ephemeral port) answering from a script. */
final class ReceiverStub implements AutoCloseable {
  record Received(Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<int[]> statuses = new ArrayDeque<>();
  private final Deque<String> bodies = new ArrayDeque<>();
  private final HttpServer server;

  ReceiverStub() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newFixedThreadPool(2));
    server.createContext(
        "/",
        ex -> {
          byte[] body = ex.getRequestBody().readAllBytes();
          received.add(new Received(Map.copyOf(ex.getRequestHeaders()), body));
          int status;
          String reply;
          synchronized (statuses) {
            status = statuses.isEmpty() ? 200 : statuses.pop()[0];
            reply = bodies.isEmpty() ? "SUCCESS" : bodies.pop();
          }
          byte[] out = reply.getBytes(StandardCharsets.UTF_8);
          ex.sendResponseHeaders(status, out.length == 0 ? -1 : out.length);
          if (out.length > 0) {
            ex.getResponseBody().write(out);
          }
          ex.close();
        });
    server.start();
  }

  void reply(int status, String body) {
    synchronized (statuses) {
      statuses.add(new int[] {status});
      bodies.add(body);
    }
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  @Override
  public void close() {
    server.stop(0);
  }
}

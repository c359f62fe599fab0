package io.ecrhub.notify.delivery;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/** A scripted HTTP consumer on 127.0.0.1 (ephemeral port) that records what it receives. */
final class LocalReceiver implements AutoCloseable {
  record Received(String method, String path, Map<String, List<String>> headers, byte[] body) {
    String header(String name) {
      return headers.entrySet().stream()
          .filter(e -> e.getKey().equalsIgnoreCase(name))
          .map(e -> e.getValue().get(0))
          .findFirst()
          .orElse(null);
    }
  }

  record Reply(int status, String body, Map<String, String> headers, boolean hang) {
    static Reply of(int status, String body) {
      return new Reply(status, body, Map.of(), false);
    }

    /** The body sent with chunked transfer encoding. */
    static Reply chunked(int status, String body) {
      return new Reply(status, body, Map.of(CHUNKED, "1"), false);
    }

    static Reply hanging() {
      return new Reply(200, "", Map.of(), true);
    }
  }

  static final String CHUNKED = "X-Test-Chunked";
  final List<Received> received = new CopyOnWriteArrayList<>();
  private final Deque<Reply> script = new ArrayDeque<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private final HttpServer server;

  LocalReceiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          received.add(
              new Received(
                  exchange.getRequestMethod(),
                  exchange.getRequestURI().getPath(),
                  Map.copyOf(exchange.getRequestHeaders()),
                  body));
          Reply reply;
          synchronized (script) {
            reply = script.isEmpty() ? Reply.of(200, "SUCCESS") : script.pop();
          }
          if (reply.hang()) {
            try {
              release.await(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          }
          boolean chunked = reply.headers().containsKey(CHUNKED);
          reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
          byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
          try {
            exchange.sendResponseHeaders(
                reply.status(), chunked ? 0 : out.length == 0 ? -1 : out.length);
            if (out.length > 0) {
              exchange.getResponseBody().write(out);
            }
          } catch (IOException e) {
            // the client gave up (timeout test)
          }
          exchange.close();
        });
    server.start();
  }

  void script(Reply... replies) {
    synchronized (script) {
      script.addAll(List.of(replies));
    }
  }

  int port() {
    return server.getAddress().getPort();
  }

  URI uri(String path) {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
  }
}

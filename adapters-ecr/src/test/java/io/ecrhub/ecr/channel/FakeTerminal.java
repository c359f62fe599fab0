package io.ecrhub.ecr.channel;

import io.ecrhub.ecr.codec.EcrCodec;
import io.ecrhub.ecr.codec.EcrCodecException;
import io.ecrhub.ecr.codec.EcrResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A scriptable stand-in for a QFPay terminal on 127.0.0.1 (ephemeral port), over plain or TLS
 * sockets: HTTP/1.1 with keep-alive, or raw TCP read to end of stream. It decodes each request with
 * {@link EcrCodec#decodeRequest} and the terminal's key, answers key and format errors as a
 * terminal would (5001, 4003, 4006), and otherwise lets the test's {@link Script} decide.
 */
final class FakeTerminal implements AutoCloseable {
  /** What the fake does with one decoded request. */
  interface Script {
    Reply on(EcrCodec.DecodedRequest request) throws Exception;
  }

  /** A scripted reaction. */
  sealed interface Reply {}

  /** Answer with this envelope (plain JSON, as Odoo sees terminals answer). */
  record Respond(EcrResponse response) implements Reply {}

  /** Answer with these bytes as the body. */
  record RawBody(byte[] body) implements Reply {}

  /** Answer with this envelope under another HTTP status. */
  record WithStatus(int status, EcrResponse response) implements Reply {}

  /** Send headers promising more body than follows, then close. */
  record CloseMidResponse() implements Reply {}

  /** Close the connection without any answer. */
  record CloseSilently() implements Reply {}

  /** Wait for the latch (or close()), then apply {@code then}. */
  record Hold(CountDownLatch release, Reply then) implements Reply {}

  enum Mode {
    /** HTTP/1.1 with keep-alive. */
    HTTP,
    /** Raw TCP: the request is everything up to the client's half-close. */
    TCP,
    /** Raw TCP: the request is one line. */
    TCP_LINE
  }

  private final ServerSocket server;
  private final Mode mode;
  private final String key;
  private final boolean encryption;
  private final Script script;
  private final ExecutorService threads = Executors.newCachedThreadPool();
  private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
  private final CountDownLatch closing = new CountDownLatch(1);
  private final AtomicInteger connections = new AtomicInteger();
  private final List<Integer> funcTypes = new CopyOnWriteArrayList<>();
  private final List<String> rawRequests = new CopyOnWriteArrayList<>();
  private final List<String> paths = new CopyOnWriteArrayList<>();
  private final BlockingQueue<Integer> arrivals = new LinkedBlockingQueue<>();

  /** Close, without answering, any request that is not the first on its connection. */
  volatile boolean dropReusedConnections;

  private FakeTerminal(ServerSocket server, Mode mode, String key, boolean enc, Script script) {
    this.server = server;
    this.mode = mode;
    this.key = key;
    this.encryption = enc;
    this.script = script;
    threads.execute(this::acceptLoop);
  }

  static FakeTerminal start(
      Mode mode, SSLContext tls, String key, boolean encryption, Script script) throws IOException {
    ServerSocket s =
        tls == null ? new ServerSocket() : tls.getServerSocketFactory().createServerSocket();
    s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    return new FakeTerminal(s, mode, key, encryption, script);
  }

  int port() {
    return server.getLocalPort();
  }

  int connections() {
    return connections.get();
  }

  List<Integer> funcTypes() {
    return List.copyOf(funcTypes);
  }

  List<String> rawRequests() {
    return List.copyOf(rawRequests);
  }

  /** HTTP request targets in arrival order. */
  List<String> paths() {
    return List.copyOf(paths);
  }

  /** Waits for the next decoded request to arrive; its func_type, or null after 30 s. */
  Integer awaitArrival() throws InterruptedException {
    return arrivals.poll(30, TimeUnit.SECONDS);
  }

  static Reply ok(Map<String, Object> data) {
    return new Respond(new EcrResponse("6000", "success", "", data));
  }

  static Reply code(String respcd, String message) {
    return new Respond(new EcrResponse(respcd, message, message, Map.of()));
  }

  private void acceptLoop() {
    while (!server.isClosed()) {
      try {
        Socket s = server.accept();
        connections.incrementAndGet();
        sockets.add(s);
        threads.execute(() -> serve(s));
      } catch (IOException e) {
        return;
      }
    }
  }

  private void serve(Socket s) {
    try (s) {
      java.io.PushbackInputStream in = new java.io.PushbackInputStream(s.getInputStream(), 1);
      OutputStream out = s.getOutputStream();
      if (!(server instanceof javax.net.ssl.SSLServerSocket) && mode == Mode.HTTP) {
        int first = in.read();
        if (first == 0x16) { // a TLS ClientHello: answer as a plain HTTP server does
          out.write(
              "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
                  .getBytes(StandardCharsets.US_ASCII));
          out.flush();
          return;
        }
        if (first != -1) {
          in.unread(first);
        }
      }
      if (mode == Mode.TCP) {
        String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        rawRequests.add(body);
        apply(react(body), out, s);
        return;
      }
      if (mode == Mode.TCP_LINE) {
        String body = readLine(in);
        rawRequests.add(body + "\n");
        apply(react(body), out, s);
        return;
      }
      for (int n = 0; ; n++) {
        String body = readHttpRequest(in);
        if (body == null) {
          return;
        }
        rawRequests.add(body);
        if (n > 0 && dropReusedConnections) {
          arrivals.add(-2);
          return;
        }
        if (!apply(react(body), out, s)) {
          return;
        }
      }
    } catch (IOException | InterruptedException e) {
      // the client went away or the fake is closing
    } finally {
      sockets.remove(s);
    }
  }

  private Reply react(String body) {
    try {
      EcrCodec.DecodedRequest req = EcrCodec.decodeRequest(body.trim(), key, encryption);
      funcTypes.add(req.funcType());
      arrivals.add(req.funcType());
      return script.on(req);
    } catch (EcrCodecException e) {
      arrivals.add(-1);
      return switch (e.kind()) {
        case UNDECRYPTABLE -> code("5001", "decrypt failed");
        case BAD_DIGEST -> code("4003", "Request Denied");
        default -> code("4006", "format error");
      };
    } catch (Exception e) {
      return code("4006", "script failed: " + e);
    }
  }

  /** Writes the reply; false when the connection must end. */
  private boolean apply(Reply reply, OutputStream out, Socket s)
      throws IOException, InterruptedException {
    switch (reply) {
      case Hold h -> {
        while (!h.release().await(50, TimeUnit.MILLISECONDS)) {
          if (closing.getCount() == 0) {
            return false;
          }
        }
        return apply(h.then(), out, s);
      }
      case CloseSilently c -> {
        return false;
      }
      case CloseMidResponse c -> {
        if (mode == Mode.HTTP) {
          out.write(
              ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 500\r\n\r\n"
                      + "{\"respcd\":\"6000\",\"data\":\"{\\\"syssn\\\"")
                  .getBytes(StandardCharsets.US_ASCII));
        } else {
          out.write("{\"respcd\":\"60".getBytes(StandardCharsets.US_ASCII));
        }
        out.flush();
        s.setSoLinger(true, 0); // reset, not an orderly end of stream
        return false;
      }
      case Respond r -> {
        try {
          writeBody(
              out,
              EcrCodec.encodeResponse(r.response(), key, false).getBytes(StandardCharsets.UTF_8));
        } catch (EcrCodecException e) {
          throw new IOException(e);
        }
        return mode == Mode.HTTP;
      }
      case RawBody b -> {
        writeBody(out, b.body());
        return mode == Mode.HTTP;
      }
      case WithStatus w -> {
        try {
          byte[] body =
              EcrCodec.encodeResponse(w.response(), key, false).getBytes(StandardCharsets.UTF_8);
          out.write(
              ("HTTP/1.1 "
                      + w.status()
                      + " Oops\r\nContent-Type: application/json\r\nContent-Length: "
                      + body.length
                      + "\r\n\r\n")
                  .getBytes(StandardCharsets.US_ASCII));
          out.write(body);
          out.flush();
        } catch (EcrCodecException e) {
          throw new IOException(e);
        }
        return true;
      }
    }
  }

  private void writeBody(OutputStream out, byte[] body) throws IOException {
    if (mode == Mode.HTTP) {
      out.write(
          ("HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII));
    }
    out.write(body);
    out.flush();
  }

  /** The body of the next request, or null at end of stream. */
  private String readHttpRequest(InputStream in) throws IOException {
    String line = readLine(in);
    if (line == null || line.isEmpty()) {
      return null;
    }
    String[] parts = line.split(" ");
    paths.add(parts.length > 1 ? parts[1] : line);
    int length = 0;
    for (String h = readLine(in); h != null && !h.isEmpty(); h = readLine(in)) {
      int colon = h.indexOf(':');
      if (colon > 0 && h.substring(0, colon).trim().equalsIgnoreCase("content-length")) {
        length = Integer.parseInt(h.substring(colon + 1).trim());
      }
    }
    return new String(in.readNBytes(length), StandardCharsets.UTF_8);
  }

  private static String readLine(InputStream in) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    for (int c = in.read(); c != -1; c = in.read()) {
      if (c == '\n') {
        String s = line.toString(StandardCharsets.US_ASCII);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
      }
      line.write(c);
    }
    return null;
  }

  @Override
  public void close() throws IOException {
    closing.countDown();
    server.close();
    for (Socket s : sockets) {
      s.close();
    }
    threads.shutdownNow();
  }
}

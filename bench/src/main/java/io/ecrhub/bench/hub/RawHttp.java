package io.ecrhub.bench.hub;

import io.ecrhub.bench.RawEcrClient;
import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The least an HTTP/1.1 client does, for the hub series of {@link HubOverheadBench}: one blocking
 * keep-alive socket with {@code TCP_NODELAY}, written and read on the caller's thread, the same
 * kind of client {@code RawEcrClient} is for the direct series. The JDK's {@code java.net.http}
 * client hands every request and response between its selector thread and the caller (≈ 1–3 ms per
 * payment on this machine), which the direct series does not pay; that is the client's cost, not
 * the hub's. Plain HTTP on loopback only; reads {@code Content-Length} and chunked bodies.
 */
final class RawHttp implements Closeable {
  private static final int TIMEOUT_MS = 30_000;

  /** A response: status code and body text. */
  record Response(int status, String body) {}

  private final String host;
  private final int port;
  private Socket socket;
  private InputStream in;
  private OutputStream out;

  RawHttp(String host, int port) {
    this.host = host;
    this.port = port;
  }

  /** {@code METHOD path} with the headers given and an optional JSON body, on the open socket. */
  synchronized Response exchange(
      String method, String path, Map<String, String> headers, String json) throws IOException {
    for (int attempt = 0; ; attempt++) {
      boolean reused = socket != null;
      try {
        open();
        write(method, path, headers, json, false);
        return read();
      } catch (IOException e) {
        close();
        // A kept-alive connection the server closed meanwhile: once more on a fresh one.
        if (!reused || attempt > 0) {
          throw e;
        }
      }
    }
  }

  /**
   * {@code GET path} as an event stream on a connection of its own: returns once the 200 head is
   * read, then hands each {@code data:} line to {@code onData} on a daemon thread that reads the
   * socket itself.
   */
  static Closeable follow(
      String host, int port, String path, Map<String, String> headers, Consumer<String> onData)
      throws IOException {
    RawHttp stream = new RawHttp(host, port);
    stream.open();
    stream.socket.setSoTimeout(0);
    stream.write("GET", path, headers, null, true);
    Head head = stream.head();
    if (head.status != 200) {
      stream.close();
      throw new IOException("event stream: HTTP " + head.status);
    }
    Thread reader =
        new Thread(
            () -> {
              try {
                InputStream body = head.chunked ? new Chunked(stream.in) : stream.in;
                for (String line = line(body); ; line = line(body)) {
                  if (line.startsWith("data:")) {
                    onData.accept(line.substring(5).trim());
                  }
                }
              } catch (IOException e) {
                // stream closed: the bench is over
              }
            },
            "bench-sse");
    reader.setDaemon(true);
    reader.start();
    return stream;
  }

  @Override
  public synchronized void close() {
    if (socket != null) {
      try {
        socket.close();
      } catch (IOException e) {
        // closing anyway
      }
      socket = null;
    }
  }

  private void open() throws IOException {
    if (socket == null) {
      socket = new Socket(host, port);
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(TIMEOUT_MS);
      in = new BufferedInputStream(socket.getInputStream());
      out = socket.getOutputStream();
    }
  }

  private void write(
      String method, String path, Map<String, String> headers, String json, boolean stream)
      throws IOException {
    byte[] body = json == null ? new byte[0] : json.getBytes(StandardCharsets.UTF_8);
    StringBuilder h = new StringBuilder(256);
    h.append(method).append(' ').append(path).append(" HTTP/1.1\r\n");
    h.append("Host: ").append(host).append(':').append(port).append("\r\n");
    headers.forEach((k, v) -> h.append(k).append(": ").append(v).append("\r\n"));
    if (stream) {
      h.append("Accept: text/event-stream\r\n");
    } else if (json != null) {
      h.append("Content-Type: application/json\r\n");
      h.append("Content-Length: ").append(body.length).append("\r\n");
    }
    h.append("\r\n");
    byte[] head = h.toString().getBytes(StandardCharsets.US_ASCII);
    byte[] request = new byte[head.length + body.length];
    System.arraycopy(head, 0, request, 0, head.length);
    System.arraycopy(body, 0, request, head.length, body.length);
    out.write(request);
    out.flush();
  }

  private record Head(int status, int length, boolean chunked, boolean close) {}

  private Head head() throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 ") || status.length() < 12) {
      throw new IOException("unexpected status line: " + status);
    }
    int code = Integer.parseInt(status.substring(9, 12));
    int length = -1;
    boolean chunked = false;
    boolean close = false;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      String lower = h.toLowerCase(Locale.ROOT);
      if (lower.startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
      } else if (lower.startsWith("transfer-encoding:") && lower.contains("chunked")) {
        chunked = true;
      } else if (lower.startsWith("connection:") && lower.contains("close")) {
        close = true;
      }
    }
    return new Head(code, length, chunked, close);
  }

  private Response read() throws IOException {
    Head head = head();
    byte[] body;
    if (head.chunked) {
      body = new Chunked(in).readAllBytes();
    } else if (head.length >= 0) {
      body = in.readNBytes(head.length);
      if (body.length != head.length) {
        throw new EOFException("response body cut short");
      }
    } else {
      throw new IOException("response without Content-Length or chunked body");
    }
    if (head.close) {
      close();
    }
    return new Response(head.status, new String(body, StandardCharsets.UTF_8));
  }

  private static String line(InputStream in) throws IOException {
    return RawEcrClient.line(in);
  }

  /** A chunked body as a stream: ends after the last (empty) chunk and its trailer. */
  private static final class Chunked extends InputStream {
    private final InputStream in;
    private int left;
    private boolean done;

    Chunked(InputStream in) {
      this.in = in;
    }

    @Override
    public int read() throws IOException {
      if (!fill()) {
        return -1;
      }
      int c = in.read();
      if (c < 0) {
        throw new EOFException("chunk cut short");
      }
      left--;
      return c;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      if (len == 0) {
        return 0;
      }
      if (!fill()) {
        return -1;
      }
      int n = in.read(b, off, Math.min(len, left));
      if (n < 0) {
        throw new EOFException("chunk cut short");
      }
      left -= n;
      return n;
    }

    private boolean fill() throws IOException {
      if (done) {
        return false;
      }
      if (left == 0) {
        String size = line(in);
        if (size.isEmpty()) {
          size = line(in); // the CRLF that ends the previous chunk
        }
        int semi = size.indexOf(';');
        left = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
        if (left == 0) {
          for (String t = line(in); !t.isEmpty(); t = line(in)) {
            // trailer fields, ignored
          }
          done = true;
          return false;
        }
      }
      return true;
    }
  }
}

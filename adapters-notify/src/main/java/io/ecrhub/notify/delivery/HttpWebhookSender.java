package io.ecrhub.notify.delivery;

import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.SendResult;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.WebhookSender;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;

/**
 * Delivers one outbox message over HTTP/1.1: checks the target against the SSRF guard at send time,
 * signs per the subscription's format, applies connect and read timeouts, never follows redirects,
 * and keeps only a short snippet of the response. Success is any 2xx and, for the QFPay format, a
 * body of {@code SUCCESS} (what QFPay itself requires).
 *
 * <p>The target's name is resolved once, by the guard, and the connection goes to one of the
 * addresses the guard checked (pinned), so a DNS answer that changes after the check cannot lead
 * inward. The request keeps the original {@code Host} header and, for https, the original name for
 * SNI and for verifying the server's certificate. That is why this is a small socket client rather
 * than the JDK's {@code HttpClient}, which resolves the name again on its own.
 */
public final class HttpWebhookSender implements WebhookSender {
  private static final int MAX_HEADER_LINE = 8 * 1024;
  private static final int MAX_HEADER_LINES = 100;
  private final TargetGuard guard;
  private final Settings settings;
  private final SSLContext tls;

  /**
   * @param connectTimeout TCP/TLS connect limit
   * @param readTimeout limit for the response after the request is sent
   * @param snippetBytes how much of the response body to keep for the log
   */
  public record Settings(Duration connectTimeout, Duration readTimeout, int snippetBytes) {
    public Settings {
      Objects.requireNonNull(connectTimeout);
      Objects.requireNonNull(readTimeout);
      if (snippetBytes < 0 || snippetBytes > 64 * 1024) {
        throw new IllegalArgumentException("snippetBytes must be 0-65536");
      }
    }
  }

  /** A sender that trusts the JVM's default trust store for https targets. */
  public HttpWebhookSender(TargetGuard guard, Settings settings) {
    this(guard, settings, defaultTls());
  }

  /** A sender with its own TLS context (tests trust a local certificate this way). */
  public HttpWebhookSender(TargetGuard guard, Settings settings, SSLContext tls) {
    this.guard = Objects.requireNonNull(guard);
    this.settings = Objects.requireNonNull(settings);
    this.tls = Objects.requireNonNull(tls);
  }

  private static SSLContext defaultTls() {
    try {
      return SSLContext.getDefault();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("no default TLS context", e);
    }
  }

  @Override
  public SendResult send(Subscription subscription, OutboxMessage message, Instant now) {
    long started = System.nanoTime();
    URI target = subscription.target();
    List<InetAddress> addresses;
    try {
      addresses = guard.resolveChecked(target, subscription.allowPrivateTarget());
    } catch (TargetRefusedException e) {
      return SendResult.noResponse(since(started), "target refused: " + e.getMessage());
    }
    byte[] request;
    try {
      request = request(subscription, message, now);
    } catch (IllegalArgumentException e) {
      return SendResult.noResponse(since(started), "not sent: " + e.getMessage());
    }
    try (Socket socket = connect(target, addresses)) {
      OutputStream out = socket.getOutputStream();
      out.write(request);
      out.flush();
      long deadline = System.nanoTime() + settings.readTimeout().toNanos();
      Response response =
          readResponse(new BufferedInputStream(new DeadlineInput(socket, deadline)));
      int status = response.status();
      String snippet = printable(response.body());
      boolean ok2xx = status >= 200 && status < 300;
      boolean ok =
          ok2xx
              && (subscription.format() != DeliveryFormat.QFPAY
                  || "SUCCESS".equalsIgnoreCase(snippet.trim()));
      String error =
          ok ? null : ok2xx ? "HTTP " + status + " without body SUCCESS" : "HTTP " + status;
      return new SendResult(ok, status, since(started), snippet, error);
    } catch (IOException e) {
      return SendResult.noResponse(since(started), describe(e));
    }
  }

  /** Connects to the first checked address that answers, then TLS for https (original name). */
  private Socket connect(URI target, List<InetAddress> addresses) throws IOException {
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    int port = target.getPort() != -1 ? target.getPort() : https ? 443 : 80;
    long deadline = System.nanoTime() + settings.connectTimeout().toNanos();
    IOException last = null;
    Socket raw = null;
    for (InetAddress address : addresses) {
      long left = millisLeft(deadline);
      if (left <= 0) {
        break;
      }
      Socket s = new Socket();
      try {
        s.connect(new InetSocketAddress(address, port), (int) Math.min(left, Integer.MAX_VALUE));
        raw = s;
        break;
      } catch (IOException e) {
        s.close();
        last = e;
      }
    }
    if (raw == null) {
      throw last != null ? last : new SocketTimeoutException("connect timed out");
    }
    if (!https) {
      return raw;
    }
    String host = bareHost(target);
    try {
      SSLSocket ssl = (SSLSocket) tls.getSocketFactory().createSocket(raw, host, port, true);
      SSLParameters p = ssl.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS"); // the certificate must name the original host
      if (!isIpLiteral(host)) {
        p.setServerNames(List.of(new SNIHostName(host)));
      }
      ssl.setSSLParameters(p);
      ssl.setSoTimeout((int) Math.max(1, millisLeft(deadline)));
      ssl.startHandshake();
      return ssl;
    } catch (IOException | RuntimeException e) {
      raw.close();
      throw e;
    }
  }

  private byte[] request(Subscription s, OutboxMessage m, Instant now) {
    byte[] body = m.body();
    URI target = s.target();
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Host", hostHeader(target));
    headers.put("Content-Type", "application/json");
    headers.put("User-Agent", "ECR-Hub-Webhooks/1");
    switch (s.format()) {
      case QFPAY -> headers.put(QfpayResigner.HEADER, QfpayResigner.sign(body, s.secret()));
      case HUB_EVENTS -> {
        long ts = now.getEpochSecond();
        headers.put(StandardWebhookSigner.ID, m.id());
        headers.put(StandardWebhookSigner.TIMESTAMP, Long.toString(ts));
        headers.put(
            StandardWebhookSigner.SIGNATURE,
            StandardWebhookSigner.signAll(m.id(), ts, body, s.signingSecrets(now)));
      }
    }
    headers.put("Content-Length", Integer.toString(body.length));
    headers.put("Connection", "close");
    String path =
        target.getRawPath() == null || target.getRawPath().isEmpty() ? "/" : target.getRawPath();
    if (target.getRawQuery() != null) {
      path += "?" + target.getRawQuery();
    }
    StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n");
    headers.forEach(
        (name, value) -> {
          if (value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
            throw new IllegalArgumentException("header " + name + " would contain a line break");
          }
          head.append(name).append(": ").append(value).append("\r\n");
        });
    head.append("\r\n");
    byte[] h = head.toString().getBytes(StandardCharsets.ISO_8859_1);
    byte[] all = Arrays.copyOf(h, h.length + body.length);
    System.arraycopy(body, 0, all, h.length, body.length);
    return all;
  }

  private record Response(int status, byte[] body) {}

  /** Reads the status, the headers and at most a snippet of the body (interim 1xx skipped). */
  private Response readResponse(InputStream in) throws IOException {
    while (true) {
      String statusLine = readLine(in);
      if (statusLine == null) {
        throw new EOFException("connection closed before a response");
      }
      String[] parts = statusLine.split(" ", 3);
      if (parts.length < 2 || !parts[0].startsWith("HTTP/") || !parts[1].matches("\\d{3}")) {
        throw new ProtocolException("not an HTTP response");
      }
      int status = Integer.parseInt(parts[1]);
      long contentLength = -1;
      boolean chunked = false;
      for (int i = 0; ; i++) {
        String line = readLine(in);
        if (line == null || line.isEmpty()) {
          break;
        }
        if (i >= MAX_HEADER_LINES) {
          throw new ProtocolException("too many response headers");
        }
        int colon = line.indexOf(':');
        if (colon <= 0) {
          continue;
        }
        String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
        String value = line.substring(colon + 1).trim();
        if (name.equals("content-length")) {
          try {
            contentLength = Long.parseLong(value);
          } catch (NumberFormatException e) {
            throw new ProtocolException("bad Content-Length");
          }
        } else if (name.equals("transfer-encoding")) {
          chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
        }
      }
      if (status >= 100 && status < 200 && status != 101) {
        continue; // interim response; the real one follows
      }
      if (status == 204 || status == 304) {
        return new Response(status, new byte[0]);
      }
      return new Response(status, snippet(in, chunked, contentLength));
    }
  }

  private byte[] snippet(InputStream in, boolean chunked, long contentLength) throws IOException {
    int max = settings.snippetBytes();
    if (!chunked) {
      long want = contentLength < 0 ? max : Math.min(max, contentLength);
      return readUpTo(in, (int) want);
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      while (out.size() < max) {
        String sizeLine = readLine(in);
        if (sizeLine == null) {
          break;
        }
        int semi = sizeLine.indexOf(';');
        long size;
        try {
          size = Long.parseLong((semi < 0 ? sizeLine : sizeLine.substring(0, semi)).trim(), 16);
        } catch (NumberFormatException e) {
          throw new ProtocolException("bad chunk size");
        }
        if (size == 0) {
          break;
        }
        byte[] part = readUpTo(in, (int) Math.min(size, max - out.size()));
        out.write(part);
        if (part.length < size) {
          break; // snippet full, or the body ended early
        }
        readLine(in); // CRLF after the chunk
      }
    } catch (SocketTimeoutException e) {
      // the status is known; keep what arrived of the body
    }
    return out.toByteArray();
  }

  /** Up to {@code n} bytes; fewer at the end of the body or when the read deadline passes. */
  private static byte[] readUpTo(InputStream in, int n) throws IOException {
    byte[] buf = new byte[Math.max(0, n)];
    int got = 0;
    try {
      while (got < n) {
        int r = in.read(buf, got, n - got);
        if (r < 0) {
          break;
        }
        got += r;
      }
    } catch (SocketTimeoutException e) {
      // the status is known; keep what arrived of the body
    }
    return Arrays.copyOf(buf, got);
  }

  /** One CRLF- (or LF-) terminated line as ISO-8859-1, bounded; null at end of stream. */
  private static String readLine(InputStream in) throws IOException {
    StringBuilder line = new StringBuilder();
    int c;
    while ((c = in.read()) >= 0) {
      if (c == '\n') {
        int len = line.length();
        if (len > 0 && line.charAt(len - 1) == '\r') {
          line.setLength(len - 1);
        }
        return line.toString();
      }
      if (line.length() >= MAX_HEADER_LINE) {
        throw new ProtocolException("response line too long");
      }
      line.append((char) c);
    }
    return line.isEmpty() ? null : line.toString();
  }

  /** Socket input whose reads all end by one deadline (the read timeout of the whole response). */
  private static final class DeadlineInput extends InputStream {
    private final Socket socket;
    private final InputStream in;
    private final long deadline;

    DeadlineInput(Socket socket, long deadline) throws IOException {
      this.socket = socket;
      this.in = socket.getInputStream();
      this.deadline = deadline;
    }

    private void arm() throws IOException {
      long left = millisLeft(deadline);
      if (left <= 0) {
        throw new SocketTimeoutException("read timed out");
      }
      socket.setSoTimeout((int) Math.min(left, Integer.MAX_VALUE));
    }

    @Override
    public int read() throws IOException {
      arm();
      return in.read();
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
      arm();
      return in.read(b, off, len);
    }
  }

  private static long millisLeft(long deadlineNanos) {
    return TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime());
  }

  private static String hostHeader(URI target) {
    String host = target.getHost();
    int port = target.getPort();
    boolean https = "https".equalsIgnoreCase(target.getScheme());
    boolean defaultPort = port == -1 || (https ? port == 443 : port == 80);
    return defaultPort ? host : host + ":" + port;
  }

  private static String bareHost(URI target) {
    String host = target.getHost();
    return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
  }

  private static boolean isIpLiteral(String host) {
    return host.indexOf(':') >= 0 || host.matches("[0-9.]+");
  }

  private static String describe(IOException e) {
    if (e instanceof SocketTimeoutException) {
      return "timed out";
    }
    if (e instanceof ConnectException || e instanceof NoRouteToHostException) {
      return "connection refused or unreachable";
    }
    if (e instanceof SSLException) {
      return "TLS failed: " + e.getClass().getSimpleName();
    }
    if (e instanceof ProtocolException) {
      return "bad response: " + e.getMessage();
    }
    return "no response: " + e.getClass().getSimpleName();
  }

  private static String printable(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String s = new String(body, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) && c != '\n' ? ' ' : c));
    return out.toString();
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}

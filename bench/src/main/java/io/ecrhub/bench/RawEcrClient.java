package io.ecrhub.bench;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;

/**
 * The baseline of the overhead benchmark: the least a client must do to send one ECR request.
 * Blocking JDK sockets on the caller's thread, a fresh connection per request and {@code
 * Connection: close}, PKIX trust in exactly one CA (the simulator's) with host name checking.
 *
 * <p>Like the channel (see {@code TerminalTls}), every TLS connection gets its own {@link
 * SSLContext}, so every handshake is a full one: comparing a resumed handshake here with the
 * channel's full handshakes would measure TLS, not the channel.
 */
public final class RawEcrClient {
  private static final int TIMEOUT_MS = 10_000;

  private final TrustManager[] trust;

  public RawEcrClient(X509Certificate ca) throws GeneralSecurityException, IOException {
    KeyStore ks = KeyStore.getInstance("PKCS12");
    ks.load(null, null);
    ks.setCertificateEntry("simulator-ca", ca);
    TrustManagerFactory tmf = TrustManagerFactory.getInstance("PKIX");
    tmf.init(ks);
    this.trust = tmf.getTrustManagers();
  }

  /** {@code POST path} to 127.0.0.1:{@code port}; the response body of a 200, else throws. */
  public byte[] post(boolean tls, int port, String path, byte[] body)
      throws IOException, GeneralSecurityException {
    String host = "127.0.0.1";
    try (Socket s = tls ? tlsSocket(host, port) : new Socket(host, port)) {
      s.setTcpNoDelay(true);
      s.setSoTimeout(TIMEOUT_MS);
      byte[] head =
          ("POST "
                  + path
                  + " HTTP/1.1\r\nHost: "
                  + host
                  + ":"
                  + port
                  + "\r\nContent-Type: application/json\r\nContent-Length: "
                  + body.length
                  + "\r\nConnection: close\r\n\r\n")
              .getBytes(StandardCharsets.US_ASCII);
      byte[] request = new byte[head.length + body.length];
      System.arraycopy(head, 0, request, 0, head.length);
      System.arraycopy(body, 0, request, head.length, body.length);
      s.getOutputStream().write(request);
      s.getOutputStream().flush();
      return readResponse(new BufferedInputStream(s.getInputStream()));
    }
  }

  /** Connected and handshaken, the server checked against the CA and the IP in its SAN. */
  private SSLSocket tlsSocket(String host, int port) throws GeneralSecurityException, IOException {
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(null, trust, null);
    SSLSocket s = (SSLSocket) ctx.getSocketFactory().createSocket(host, port);
    try {
      s.setSoTimeout(TIMEOUT_MS);
      SSLParameters p = s.getSSLParameters();
      p.setEndpointIdentificationAlgorithm("HTTPS");
      p.setProtocols(new String[] {"TLSv1.3", "TLSv1.2"});
      s.setSSLParameters(p);
      s.startHandshake();
      return s;
    } catch (IOException | RuntimeException e) {
      s.close();
      throw e;
    }
  }

  /** Status line, headers up to the blank line, then exactly Content-Length bytes. */
  private static byte[] readResponse(InputStream in) throws IOException {
    String status = line(in);
    if (!status.startsWith("HTTP/1.1 200")) {
      throw new IOException("unexpected status: " + status);
    }
    int length = -1;
    for (String h = line(in); !h.isEmpty(); h = line(in)) {
      if (h.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
        length = Integer.parseInt(h.substring(h.indexOf(':') + 1).trim());
      }
    }
    if (length < 0) {
      throw new IOException("response without Content-Length");
    }
    byte[] body = in.readNBytes(length);
    if (body.length != length) {
      throw new EOFException("response body cut short");
    }
    return body;
  }

  /** One HTTP head line (CRLF or LF ended, without it), as US-ASCII; shared with the hub client. */
  public static String line(InputStream in) throws IOException {
    ByteArrayOutputStream b = new ByteArrayOutputStream(64);
    for (int c = in.read(); c != '\n'; c = in.read()) {
      if (c < 0) {
        throw new EOFException("connection closed inside the response head");
      }
      if (c != '\r') {
        b.write(c);
      }
    }
    return b.toString(StandardCharsets.US_ASCII);
  }
}

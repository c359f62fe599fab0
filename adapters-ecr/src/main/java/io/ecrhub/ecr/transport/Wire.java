package io.ecrhub.ecr.transport;

/** What runs on a connection: the pipeline the {@link Connector} builds for it. */
public enum Wire {
  /** HTTP/1.1 in clear. */
  HTTP(false),
  /** HTTP/1.1 over TLS. */
  HTTPS(true),
  /** Raw TCP, one request per connection, the answer read to end of stream. */
  TCP(false),
  /** Only the TLS handshake (diagnostics); nothing is ever written after it. */
  TLS_PROBE(true);

  private final boolean tls;

  Wire(boolean tls) {
    this.tls = tls;
  }

  public boolean tls() {
    return tls;
  }
}

package io.ecrhub.ecr.transport;

import java.time.Duration;
import java.util.Objects;

/**
 * Where and how to connect.
 *
 * @param host the terminal's IP literal or host name (TLS verifies the certificate against it)
 * @param connectTimeout budget for TCP connect plus, with TLS, the handshake
 */
public record ConnectTarget(String host, int port, Wire wire, Duration connectTimeout) {
  public ConnectTarget {
    Objects.requireNonNull(host);
    Objects.requireNonNull(wire);
    Objects.requireNonNull(connectTimeout);
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException("port must be 1-65535");
    }
    if (connectTimeout.isNegative() || connectTimeout.isZero()) {
      throw new IllegalArgumentException("connect timeout must be positive");
    }
  }

  /** {@code host:port}, with brackets around an IPv6 literal; for logs and the Host header. */
  public String authority() {
    String h = host.contains(":") && !host.startsWith("[") ? "[" + host + "]" : host;
    return h + ":" + port;
  }
}

package io.ecrhub.domain.terminal;

/** How the hub reaches a terminal (protocol doc §2). */
public enum Transport {
  /** HTTPS on 9001 with a leaf that chains to QFPay's CA (Haojin >= 4.34.12). The default. */
  HTTPS(9001),
  /** Plain HTTP on 9001. */
  HTTP(9001),
  /** Raw TCP on 9002; framing undocumented by QFPay (see TcpFraming). */
  TCP(9002),
  /**
   * USB serial (PL2303), 9600 8N1, frames of §2.3. Port = 0; the host field holds the device path.
   */
  SERIAL(0),
  /**
   * Through QFPay's cloud ({@code /ecr/v1/*}, protocol doc §11): the terminal is named by its
   * Device ID ({@code termid}); it has no host or port (host is empty, port 0). Needs a QFPay cloud
   * account. Answers come from QFPay's API over TLS.
   */
  CLOUD(0);

  private final int defaultPort;

  Transport(int defaultPort) {
    this.defaultPort = defaultPort;
  }

  public int defaultPort() {
    return defaultPort;
  }

  /** Whether the hub reaches the terminal itself (its LAN or cable), not through QFPay's cloud. */
  public boolean local() {
    return this != CLOUD;
  }

  /**
   * Parses {@code HTTPS|HTTP|TCP|SERIAL|CLOUD} case-insensitively, with a clear error otherwise.
   */
  public static Transport parse(String text) {
    if (text != null) {
      for (Transport t : values()) {
        if (t.name().equalsIgnoreCase(text.trim())) {
          return t;
        }
      }
    }
    throw new io.ecrhub.domain.shared.ValidationException(
        "INVALID_TRANSPORT",
        "transport",
        "transport must be one of HTTPS, HTTP, TCP, SERIAL, CLOUD");
  }
}

package io.ecrhub.domain.terminal;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything a channel needs to reach one terminal for one request.
 *
 * @param connectTimeout connect (and TLS handshake) budget
 * @param readTimeout budget for the complete response after the request was written
 * @param deviceId the terminal's Device ID ({@code termid} in QFPay's cloud), or null
 * @param cloudFallback true when a payment whose LAN attempt was provably not sent may be pushed
 *     through QFPay's cloud instead (the payment use case, ADR 0022)
 */
public record TerminalEndpoint(
    TerminalId terminalId,
    String host,
    int port,
    Transport transport,
    boolean encryption,
    PosKey posKey,
    TcpFraming tcpFraming,
    Duration connectTimeout,
    Duration readTimeout,
    String deviceId,
    boolean cloudFallback) {

  /** An endpoint without a Device ID and without cloud fallback. */
  public TerminalEndpoint(
      TerminalId terminalId,
      String host,
      int port,
      Transport transport,
      boolean encryption,
      PosKey posKey,
      TcpFraming tcpFraming,
      Duration connectTimeout,
      Duration readTimeout) {
    this(
        terminalId,
        host,
        port,
        transport,
        encryption,
        posKey,
        tcpFraming,
        connectTimeout,
        readTimeout,
        null,
        false);
  }

  public TerminalEndpoint {
    Objects.requireNonNull(terminalId);
    Objects.requireNonNull(host);
    Objects.requireNonNull(transport);
    Objects.requireNonNull(posKey);
    tcpFraming = tcpFraming == null ? TcpFraming.HALF_CLOSE : tcpFraming;
    Objects.requireNonNull(connectTimeout);
    Objects.requireNonNull(readTimeout);
  }

  /** The endpoint of a registered terminal with the given timeouts. */
  public static TerminalEndpoint of(Terminal t, Duration connectTimeout, Duration readTimeout) {
    return new TerminalEndpoint(
        t.id(),
        t.host(),
        t.port(),
        t.transport(),
        t.encryption(),
        t.posKey(),
        t.tcpFraming(),
        connectTimeout,
        readTimeout,
        t.deviceId().orElse(null),
        t.cloudFallback());
  }

  /**
   * The same terminal reached through QFPay's cloud by its Device ID (the cloud fallback's push,
   * ADR 0022): transport {@link Transport#CLOUD}, no host or port, no further fallback.
   *
   * @throws IllegalStateException when the endpoint has no Device ID
   */
  public TerminalEndpoint throughCloud() {
    if (deviceId == null) {
      throw new IllegalStateException("terminal " + terminalId + " has no Device ID");
    }
    return new TerminalEndpoint(
        terminalId,
        "",
        0,
        Transport.CLOUD,
        encryption,
        posKey,
        tcpFraming,
        connectTimeout,
        readTimeout,
        deviceId,
        false);
  }

  public TerminalEndpoint withReadTimeout(Duration d) {
    return new TerminalEndpoint(
        terminalId,
        host,
        port,
        transport,
        encryption,
        posKey,
        tcpFraming,
        connectTimeout,
        d,
        deviceId,
        cloudFallback);
  }
}

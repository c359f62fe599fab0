package io.ecrhub.simulator;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * How a {@link TerminalSimulator} starts.
 *
 * @param host address every listener binds (default {@code 127.0.0.1})
 * @param certificateHost the IP or name put in the leaves' SAN (default: {@code host}, or {@code
 *     127.0.0.1} when binding a wildcard address)
 * @param terminals one entry per simulated terminal
 * @param clock the terminals' clock (transaction times, same-day refund rule)
 * @param retryCompression QFPay's notification retry gaps (2m, 10m, 10m, 60m, 2h, 6h, 15h) are
 *     divided by this factor; 1 is the real schedule, 60 000 turns minutes into milliseconds
 * @param refundNotifyType {@code notify_type} of refund notifications: {@code refund} (QFPay docs)
 *     or {@code cancel} (Odoo's test data)
 * @param ca the CA that signs the terminals' leaves, or null to generate one
 * @param serverCertificate a fixed chain every HTTPS listener presents instead of a minted leaf
 *     (e.g. loaded with {@link SimulatorPki#loadChain}), or null
 * @param serialAckTimeout how long a result a terminal sends over USB serial waits for the hub's
 *     link acknowledgement (protocol doc §2.3: 1000 ms; default when null)
 */
public record SimulatorConfig(
    String host,
    String certificateHost,
    List<TerminalConfig> terminals,
    Clock clock,
    double retryCompression,
    String refundNotifyType,
    SimulatorPki.Ca ca,
    SimulatorPki.CertifiedKey serverCertificate,
    Duration serialAckTimeout) {

  /** Protocol doc §2.3: a packet's acknowledgement is due within 1000 ms. */
  public static final Duration DEFAULT_SERIAL_ACK_TIMEOUT = Duration.ofMillis(1000);

  public SimulatorConfig {
    Objects.requireNonNull(host, "host");
    if (certificateHost == null) {
      certificateHost = host.equals("0.0.0.0") || host.equals("::") ? "127.0.0.1" : host;
    }
    terminals = List.copyOf(terminals);
    if (terminals.isEmpty()) {
      throw new IllegalArgumentException("at least one terminal");
    }
    if (terminals.stream().map(TerminalConfig::id).distinct().count() != terminals.size()) {
      throw new IllegalArgumentException("terminal ids must be unique");
    }
    Objects.requireNonNull(clock, "clock");
    if (!(retryCompression >= 1)) {
      throw new IllegalArgumentException("retryCompression must be >= 1");
    }
    if (!refundNotifyType.equals("refund") && !refundNotifyType.equals("cancel")) {
      throw new IllegalArgumentException("refundNotifyType must be refund or cancel");
    }
    if (serialAckTimeout == null) {
      serialAckTimeout = DEFAULT_SERIAL_ACK_TIMEOUT;
    } else if (serialAckTimeout.isNegative() || serialAckTimeout.isZero()) {
      throw new IllegalArgumentException("serialAckTimeout must be positive");
    }
  }

  /** The components before serial support; the doc's 1000 ms serial acknowledgement timeout. */
  public SimulatorConfig(
      String host,
      String certificateHost,
      List<TerminalConfig> terminals,
      Clock clock,
      double retryCompression,
      String refundNotifyType,
      SimulatorPki.Ca ca,
      SimulatorPki.CertifiedKey serverCertificate) {
    this(
        host,
        certificateHost,
        terminals,
        clock,
        retryCompression,
        refundNotifyType,
        ca,
        serverCertificate,
        null);
  }

  /** One terminal {@code sim-1} with the embedded defaults. */
  public static SimulatorConfig single() {
    return builder().terminal(TerminalConfig.builder("sim-1").build()).build();
  }

  /** One terminal built from {@code terminal}. */
  public static SimulatorConfig single(TerminalConfig terminal) {
    return builder().terminal(terminal).build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Fluent construction of a {@link SimulatorConfig}. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private String certificateHost;
    private final List<TerminalConfig> terminals = new ArrayList<>();
    private Clock clock = Clock.systemUTC();
    private double retryCompression = 1;
    private String refundNotifyType = "refund";
    private SimulatorPki.Ca ca;
    private SimulatorPki.CertifiedKey serverCertificate;
    private Duration serialAckTimeout;

    private Builder() {}

    public Builder host(String v) {
      host = v;
      return this;
    }

    public Builder certificateHost(String v) {
      certificateHost = v;
      return this;
    }

    public Builder terminal(TerminalConfig v) {
      terminals.add(v);
      return this;
    }

    /** Adds {@code n} terminals {@code sim-1..sim-n} with the embedded defaults. */
    public Builder terminals(int n) {
      for (int i = 1; i <= n; i++) {
        terminals.add(TerminalConfig.builder("sim-" + (terminals.size() + 1)).build());
      }
      return this;
    }

    public Builder clock(Clock v) {
      clock = v;
      return this;
    }

    public Builder retryCompression(double v) {
      retryCompression = v;
      return this;
    }

    public Builder refundNotifyType(String v) {
      refundNotifyType = v;
      return this;
    }

    public Builder ca(SimulatorPki.Ca v) {
      ca = v;
      return this;
    }

    public Builder serverCertificate(SimulatorPki.CertifiedKey v) {
      serverCertificate = v;
      return this;
    }

    /** How long a serial result waits for the hub's acknowledgement (default 1000 ms). */
    public Builder serialAckTimeout(Duration v) {
      serialAckTimeout = v;
      return this;
    }

    public SimulatorConfig build() {
      return new SimulatorConfig(
          host,
          certificateHost,
          terminals,
          clock,
          retryCompression,
          refundNotifyType,
          ca,
          serverCertificate,
          serialAckTimeout);
    }
  }
}

package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * Aggregate: one QFPay terminal as the hub knows it: where it is, how to talk to it, its secret and
 * its last known status.
 */
public final class Terminal {
  private final TerminalId id;
  private String name;
  private String host;
  private int port;
  private Transport transport;
  private boolean encryption;
  private PosKey posKey;
  private TerminalModel model;
  private AppVersion appVersion;
  private String storeId;
  private String deviceId;
  private boolean cloudFallback;
  private TcpFraming tcpFraming;
  private TerminalStatus status;
  private String statusDetail;
  private Currencies currencies;
  private final Instant createdAt;
  private Instant updatedAt;
  private long version;

  private Terminal(Builder b) {
    this.id = Objects.requireNonNull(b.id, "id");
    this.createdAt = Objects.requireNonNull(b.createdAt, "createdAt");
    this.updatedAt = b.updatedAt == null ? b.createdAt : b.updatedAt;
    rename(b.name);
    this.transport = b.transport == null ? Transport.HTTPS : b.transport;
    moveTo(b.host, b.port == null ? transport.defaultPort() : b.port, transport);
    this.encryption = b.encryption == null || b.encryption;
    this.posKey = Objects.requireNonNull(b.posKey, "posKey");
    this.model = b.model == null ? TerminalModel.UNKNOWN : b.model;
    this.appVersion = b.appVersion;
    this.storeId = normaliseStore(b.storeId);
    this.deviceId = b.deviceId;
    this.cloudFallback = b.cloudFallback;
    this.tcpFraming = b.tcpFraming == null ? TcpFraming.HALF_CLOSE : b.tcpFraming;
    this.status = b.status == null ? TerminalStatus.NEW : b.status;
    this.statusDetail = b.statusDetail;
    this.currencies = b.currencies;
    this.version = b.version;
    checkHttpsVersion();
    requireCloudReach();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder holding every field of this terminal, version included. */
  public Builder toBuilder() {
    return new Builder()
        .id(id)
        .name(name)
        .host(host)
        .port(port)
        .transport(transport)
        .encryption(encryption)
        .posKey(posKey)
        .model(model)
        .appVersion(appVersion)
        .storeId(storeId)
        .deviceId(deviceId)
        .cloudFallback(cloudFallback)
        .tcpFraming(tcpFraming)
        .status(status)
        .statusDetail(statusDetail)
        .currencies(currencies)
        .createdAt(createdAt)
        .updatedAt(updatedAt)
        .version(version);
  }

  /**
   * A copy of this terminal with another version; persistence adapters return it from {@link
   * Terminals#save}.
   */
  public Terminal withVersion(long newVersion) {
    return toBuilder().version(newVersion).build();
  }

  public void rename(String newName) {
    ValidationException.require(
        newName != null && !newName.isBlank() && newName.length() <= 100,
        "INVALID_NAME",
        "name",
        "name is required (1-100 characters)");
    this.name = newName.trim();
  }

  /**
   * Changes the address; the host is an IP/hostname, or a device path for SERIAL. A CLOUD terminal
   * has no address: its host becomes empty and its port 0, whatever is given.
   */
  public void moveTo(String newHost, int newPort, Transport newTransport) {
    Objects.requireNonNull(newTransport, "transport");
    if (newTransport == Transport.CLOUD) {
      this.host = "";
      this.port = 0;
      this.transport = newTransport;
      return;
    }
    ValidationException.require(
        newHost != null && !newHost.isBlank() && newHost.length() <= 255,
        "INVALID_HOST",
        "host",
        "host is required");
    if (newTransport == Transport.SERIAL) {
      ValidationException.require(
          newHost.startsWith("/dev/") || newHost.matches("COM\\d+"),
          "INVALID_HOST",
          "host",
          "for SERIAL, host is the device path such as /dev/ttyUSB0");
    } else {
      ValidationException.require(
          newHost.matches("[A-Za-z0-9.:\\-\\[\\]]+"),
          "INVALID_HOST",
          "host",
          "host must be an IP address or a host name");
      ValidationException.require(
          newPort >= 1 && newPort <= 65535, "INVALID_PORT", "port", "port must be 1-65535");
    }
    requireHttpsCapable(newTransport, appVersion);
    this.host = newHost.trim();
    this.port = newPort;
    this.transport = newTransport;
  }

  public void changeKey(PosKey newKey) {
    this.posKey = Objects.requireNonNull(newKey);
  }

  public void setEncryption(boolean on) {
    this.encryption = on;
  }

  public void setModel(TerminalModel newModel) {
    this.model = newModel == null ? TerminalModel.UNKNOWN : newModel;
  }

  public void setAppVersion(AppVersion v) {
    requireHttpsCapable(transport, v);
    this.appVersion = v;
  }

  public void assignStore(String store) {
    this.storeId = normaliseStore(store);
  }

  public void setDeviceId(String device) {
    this.deviceId = device;
  }

  /**
   * Whether a payment whose LAN attempt was provably not sent may be pushed through QFPay's cloud
   * (ADR 0022). Checked with {@link #requireCloudReach()}.
   */
  public void setCloudFallback(boolean on) {
    this.cloudFallback = on;
  }

  /**
   * Refuses a terminal the cloud could not reach as configured: CLOUD, or a cloud fallback, without
   * a Device ID; a cloud fallback on a terminal that is reached through the cloud anyway.
   */
  public void requireCloudReach() {
    if (transport == Transport.CLOUD) {
      ValidationException.require(
          deviceId != null,
          "DEVICE_ID_REQUIRED",
          "deviceId",
          "a CLOUD terminal is reached through QFPay's cloud by its Device ID: deviceId is required");
      ValidationException.require(
          !cloudFallback,
          "INVALID_CLOUD_FALLBACK",
          "cloudFallback",
          "a CLOUD terminal is reached through QFPay's cloud already; cloudFallback is for LAN"
              + " terminals");
    } else if (cloudFallback) {
      ValidationException.require(
          deviceId != null,
          "DEVICE_ID_REQUIRED",
          "deviceId",
          "cloudFallback pushes payments through QFPay's cloud by the terminal's Device ID:"
              + " deviceId is required");
    }
  }

  /** Whether anything about this terminal goes through QFPay's cloud (CLOUD or a fallback). */
  public boolean usesCloud() {
    return transport == Transport.CLOUD || cloudFallback;
  }

  public void setTcpFraming(TcpFraming framing) {
    this.tcpFraming = framing == null ? TcpFraming.HALF_CLOSE : framing;
  }

  /** Records what the hub learned; returns true when the status changed. */
  public boolean observe(TerminalStatus newStatus, String detail, Instant at) {
    boolean changed = newStatus != status || !Objects.equals(detail, statusDetail);
    if (status == TerminalStatus.DISABLED && newStatus != TerminalStatus.DISABLED) {
      return false;
    }
    this.status = newStatus;
    this.statusDetail = detail;
    this.updatedAt = at;
    return changed;
  }

  public void disable(Instant at) {
    this.status = TerminalStatus.DISABLED;
    this.updatedAt = at;
  }

  public void enable(Instant at) {
    if (status == TerminalStatus.DISABLED) {
      this.status = TerminalStatus.NEW;
      this.updatedAt = at;
    }
  }

  public void touch(Instant at) {
    this.updatedAt = at;
  }

  /** Refuses a channel this model cannot take, before anything reaches the wire. */
  public void requireSupports(Channel channel) {
    if (!model.supports(channel)) {
      throw new DomainException(
          "CHANNEL_NOT_SUPPORTED",
          "channel",
          model.displayName()
              + " supports QR-code channels only; "
              + channel.wire()
              + " needs a card reader");
    }
  }

  /** The currencies its merchant takes; null to follow the hub-wide default. */
  public void acceptCurrencies(Currencies accepted) {
    this.currencies = accepted;
  }

  /**
   * Refuses an amount in a currency its merchant does not take (the terminal would charge its own
   * currency while the hub recorded another), before anything reaches the wire.
   *
   * @param hubDefault what applies when the terminal has no list of its own
   */
  public void requireAccepts(java.util.Currency currency, Currencies hubDefault) {
    Currencies accepted = currencies != null ? currencies : hubDefault;
    if (accepted != null && !accepted.accepts(currency)) {
      throw new DomainException(
          "CURRENCY_NOT_SUPPORTED",
          "currency",
          "terminal "
              + id
              + " takes "
              + accepted
              + " only; "
              + currency.getCurrencyCode()
              + " would be charged in the merchant's currency");
    }
  }

  private void checkHttpsVersion() {
    requireHttpsCapable(transport, appVersion);
  }

  private static void requireHttpsCapable(Transport transport, AppVersion appVersion) {
    if (transport == Transport.HTTPS && appVersion != null && !appVersion.supportsHttps()) {
      throw new ValidationException(
          "HTTPS_NEEDS_NEWER_APP",
          "transport",
          "ECR over HTTPS needs Haojin "
              + AppVersion.HTTPS_MINIMUM
              + " or newer; this terminal runs "
              + appVersion);
    }
  }

  private static String normaliseStore(String s) {
    if (s == null || s.isBlank()) {
      return null;
    }
    ValidationException.require(
        s.matches("[A-Za-z0-9_.-]{1,64}"),
        "INVALID_STORE_ID",
        "storeId",
        "storeId must be 1-64 of letters, digits, _ . -");
    return s;
  }

  public TerminalId id() {
    return id;
  }

  public String name() {
    return name;
  }

  public String host() {
    return host;
  }

  public int port() {
    return port;
  }

  public Transport transport() {
    return transport;
  }

  public boolean encryption() {
    return encryption;
  }

  public PosKey posKey() {
    return posKey;
  }

  public TerminalModel model() {
    return model;
  }

  public Optional<AppVersion> appVersion() {
    return Optional.ofNullable(appVersion);
  }

  public Optional<String> storeId() {
    return Optional.ofNullable(storeId);
  }

  public Optional<String> deviceId() {
    return Optional.ofNullable(deviceId);
  }

  public TcpFraming tcpFraming() {
    return tcpFraming;
  }

  /** True when a payment not sent over the LAN is pushed through QFPay's cloud (ADR 0022). */
  public boolean cloudFallback() {
    return cloudFallback;
  }

  public TerminalStatus status() {
    return status;
  }

  public Optional<String> statusDetail() {
    return Optional.ofNullable(statusDetail);
  }

  /** Its own list of accepted currencies; empty when the hub-wide default applies. */
  public Optional<Currencies> currencies() {
    return Optional.ofNullable(currencies);
  }

  public boolean isDisabled() {
    return status == TerminalStatus.DISABLED;
  }

  public Instant createdAt() {
    return createdAt;
  }

  public Instant updatedAt() {
    return updatedAt;
  }

  /**
   * Optimistic-lock version, maintained by persistence: 0 for a terminal never saved; {@link
   * Terminals#save} stores and returns version + 1.
   */
  public long version() {
    return version;
  }

  @Override
  public String toString() {
    return "Terminal[" + id + " " + transport + " " + host + ":" + port + " " + status + "]";
  }

  /** Builder for new and reloaded terminals. */
  public static final class Builder {
    private TerminalId id;
    private String name;
    private String host;
    private Integer port;
    private Transport transport;
    private Boolean encryption;
    private PosKey posKey;
    private TerminalModel model;
    private AppVersion appVersion;
    private String storeId;
    private String deviceId;
    private boolean cloudFallback;
    private TcpFraming tcpFraming;
    private TerminalStatus status;
    private String statusDetail;
    private Currencies currencies;
    private Instant createdAt;
    private Instant updatedAt;
    private long version;

    public Builder id(TerminalId v) {
      this.id = v;
      return this;
    }

    public Builder name(String v) {
      this.name = v;
      return this;
    }

    public Builder host(String v) {
      this.host = v;
      return this;
    }

    public Builder port(Integer v) {
      this.port = v;
      return this;
    }

    public Builder transport(Transport v) {
      this.transport = v;
      return this;
    }

    public Builder encryption(Boolean v) {
      this.encryption = v;
      return this;
    }

    public Builder posKey(PosKey v) {
      this.posKey = v;
      return this;
    }

    public Builder model(TerminalModel v) {
      this.model = v;
      return this;
    }

    public Builder appVersion(AppVersion v) {
      this.appVersion = v;
      return this;
    }

    public Builder storeId(String v) {
      this.storeId = v;
      return this;
    }

    public Builder deviceId(String v) {
      this.deviceId = v;
      return this;
    }

    public Builder cloudFallback(boolean v) {
      this.cloudFallback = v;
      return this;
    }

    public Builder tcpFraming(TcpFraming v) {
      this.tcpFraming = v;
      return this;
    }

    public Builder status(TerminalStatus v) {
      this.status = v;
      return this;
    }

    public Builder statusDetail(String v) {
      this.statusDetail = v;
      return this;
    }

    public Builder currencies(Currencies v) {
      this.currencies = v;
      return this;
    }

    public Builder createdAt(Instant v) {
      this.createdAt = v;
      return this;
    }

    public Builder updatedAt(Instant v) {
      this.updatedAt = v;
      return this;
    }

    public Builder version(long v) {
      this.version = v;
      return this;
    }

    public Terminal build() {
      return new Terminal(this);
    }
  }
}

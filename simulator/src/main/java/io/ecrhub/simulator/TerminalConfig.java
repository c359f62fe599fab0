package io.ecrhub.simulator;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Objects;

/**
 * How one simulated terminal starts. Ports: {@link #EPHEMERAL} (0) binds a free port, {@link
 * #DISABLED} (-1) does not serve that transport. Defaults (embedded use): HTTPS, HTTP and TCP all
 * on ephemeral ports, a random 32-character POS key, request encryption on, plain responses, no
 * card wait, HKD, no notification target, no serial device.
 *
 * @param posKey the POS key (16/24/32 UTF-8 bytes: it is the AES key)
 * @param encryption whether requests must be AES-encrypted (the MMS "encryption" toggle)
 * @param encryptResponses whether responses are AES-encrypted too (the docs say so; Odoo says no)
 * @param cardWait how long a payment waits "for the card" before it is approved
 * @param refundWait how long a refund waits for the operator before it completes
 * @param notifyUrl where approved payments and refunds are notified, or null for none
 * @param notifyKey the notification key signing {@code X-QF-SIGN}, or null for none
 * @param declineCents decline every payment whose cents part equals this (0-99), or null
 * @param serialDevice the POS end of a USB-serial cable (e.g. {@code /dev/pts/3}, or the {@code
 *     pos} link of a {@code SocatPtyPair}) to serve this terminal on as well, or null for none
 */
public record TerminalConfig(
    String id,
    String posKey,
    boolean encryption,
    boolean encryptResponses,
    int httpsPort,
    int httpPort,
    int tcpPort,
    Duration cardWait,
    Duration refundWait,
    String currency,
    URI notifyUrl,
    String notifyKey,
    Integer declineCents,
    String serialDevice) {

  /** Bind any free port. */
  public static final int EPHEMERAL = 0;

  /** Do not serve this transport. */
  public static final int DISABLED = -1;

  public TerminalConfig {
    Objects.requireNonNull(id, "id");
    checkKey(posKey);
    checkPort(httpsPort, "httpsPort");
    checkPort(httpPort, "httpPort");
    checkPort(tcpPort, "tcpPort");
    cardWait = nonNegative(cardWait, "cardWait");
    refundWait = nonNegative(refundWait, "refundWait");
    Objects.requireNonNull(currency, "currency");
    if (declineCents != null && (declineCents < 0 || declineCents > 99)) {
      throw new IllegalArgumentException("declineCents must be 0-99");
    }
    if (serialDevice != null && serialDevice.isBlank()) {
      throw new IllegalArgumentException("serialDevice must be a path or null");
    }
  }

  /** Without a serial device (the components before serial support). */
  public TerminalConfig(
      String id,
      String posKey,
      boolean encryption,
      boolean encryptResponses,
      int httpsPort,
      int httpPort,
      int tcpPort,
      Duration cardWait,
      Duration refundWait,
      String currency,
      URI notifyUrl,
      String notifyKey,
      Integer declineCents) {
    this(
        id,
        posKey,
        encryption,
        encryptResponses,
        httpsPort,
        httpPort,
        tcpPort,
        cardWait,
        refundWait,
        currency,
        notifyUrl,
        notifyKey,
        declineCents,
        null);
  }

  /** A builder with the embedded defaults for terminal {@code id}. */
  public static Builder builder(String id) {
    return new Builder(id);
  }

  /** A random 32-character hex POS key, like the ones the Haojin app generates. */
  public static String randomPosKey() {
    byte[] b = new byte[16];
    new SecureRandom().nextBytes(b);
    return HexFormat.of().formatHex(b);
  }

  static void checkKey(String posKey) {
    Objects.requireNonNull(posKey, "posKey");
    int len = posKey.getBytes(StandardCharsets.UTF_8).length;
    if (len != 16 && len != 24 && len != 32) {
      throw new IllegalArgumentException("POS key must be 16, 24 or 32 bytes; got " + len);
    }
  }

  private static void checkPort(int port, String name) {
    if (port < DISABLED || port > 65535) {
      throw new IllegalArgumentException(name + " must be -1 (off), 0 (ephemeral) or 1-65535");
    }
  }

  private static Duration nonNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative");
    }
    return d;
  }

  /** Fluent construction of a {@link TerminalConfig}. */
  public static final class Builder {
    private final String id;
    private String posKey = randomPosKey();
    private boolean encryption = true;
    private boolean encryptResponses;
    private int httpsPort = EPHEMERAL;
    private int httpPort = EPHEMERAL;
    private int tcpPort = EPHEMERAL;
    private Duration cardWait = Duration.ZERO;
    private Duration refundWait = Duration.ZERO;
    private String currency = "HKD";
    private URI notifyUrl;
    private String notifyKey;
    private Integer declineCents;
    private String serialDevice;

    private Builder(String id) {
      this.id = id;
    }

    public Builder posKey(String v) {
      posKey = v;
      return this;
    }

    public Builder encryption(boolean v) {
      encryption = v;
      return this;
    }

    public Builder encryptResponses(boolean v) {
      encryptResponses = v;
      return this;
    }

    /** Port of the HTTPS listener; {@link #DISABLED} for none. */
    public Builder httpsPort(int v) {
      httpsPort = v;
      return this;
    }

    /** Port of the plain HTTP listener; {@link #DISABLED} for none. */
    public Builder httpPort(int v) {
      httpPort = v;
      return this;
    }

    /** Port of the raw TCP listener; {@link #DISABLED} for none. */
    public Builder tcpPort(int v) {
      tcpPort = v;
      return this;
    }

    public Builder cardWait(Duration v) {
      cardWait = v;
      return this;
    }

    public Builder refundWait(Duration v) {
      refundWait = v;
      return this;
    }

    public Builder currency(String v) {
      currency = v;
      return this;
    }

    /** Notification target: QFPay posts approved payments and refunds there, signed with key. */
    public Builder notify(URI url, String key) {
      notifyUrl = url;
      notifyKey = key;
      return this;
    }

    public Builder declineCents(Integer v) {
      declineCents = v;
      return this;
    }

    /** Also serve this terminal over USB serial on {@code path} (the POS end); null for none. */
    public Builder serialDevice(String path) {
      serialDevice = path;
      return this;
    }

    public TerminalConfig build() {
      return new TerminalConfig(
          id,
          posKey,
          encryption,
          encryptResponses,
          httpsPort,
          httpPort,
          tcpPort,
          cardWait,
          refundWait,
          currency,
          notifyUrl,
          notifyKey,
          declineCents,
          serialDevice);
    }
  }
}

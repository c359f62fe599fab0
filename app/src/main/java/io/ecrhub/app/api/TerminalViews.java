package io.ecrhub.app.api;

import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.Currencies;
import io.ecrhub.domain.terminal.Terminal;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Terminal request and response bodies. The POS key goes in, never out. */
@RegisterForReflection
public final class TerminalViews {
  private TerminalViews() {}

  /** Body of {@code POST /api/v1/terminals}. */
  @Schema(name = "TerminalRegistration")
  public record Create(
      @Schema(required = true, examples = "Counter 1") String name,
      @Schema(
              description =
                  "IP address or host name (device path for SERIAL); required except for CLOUD,"
                      + " which has none",
              examples = "192.168.1.50")
          String host,
      @Schema(description = "Default 9001 (9002 for TCP); none for CLOUD", examples = "9001")
          Integer port,
      @Schema(
              description =
                  "HTTPS (default), HTTP, TCP, SERIAL, or CLOUD (through QFPay's cloud, by"
                      + " deviceId; needs a QFPay cloud account)",
              enumeration = {"HTTPS", "HTTP", "TCP", "SERIAL", "CLOUD"})
          String transport,
      @Schema(
              required = true,
              description =
                  "The terminal's POS key (16, 24 or 32 characters);"
                      + " stored encrypted, never returned")
          String posKey,
      @Schema(description = "AES encryption of requests (default true)") Boolean encryption,
      @Schema(description = "LANDI_A8, LANDI_A8S or PAX_A920 (PAX A920 takes QR payments only)")
          String model,
      @Schema(description = "Store the terminal belongs to (for API key scopes)") String storeId,
      @Schema(description = "Haojin app version, e.g. 4.34.12") String appVersion,
      @Schema(
              description =
                  "Device id as the merchant portal shows it (termid in QFPay's cloud); required"
                      + " for CLOUD and for cloudFallback")
          String deviceId,
      @Schema(
              description =
                  "A LAN terminal whose payment could provably not be sent (connection refused,"
                      + " no route, TLS refused) pushes it once through QFPay's cloud instead"
                      + " (default false; needs deviceId and a QFPay cloud account)")
          Boolean cloudFallback) {
    @Override
    public String toString() {
      return "Create[" + name + " " + host + "]";
    }
  }

  /** Body of {@code PATCH /api/v1/terminals/{id}}: only the fields given change. */
  @Schema(name = "TerminalChange")
  public record Change(
      String name,
      String host,
      Integer port,
      @Schema(
              description = "A move to CLOUD takes no host or port",
              enumeration = {"HTTPS", "HTTP", "TCP", "SERIAL", "CLOUD"})
          String transport,
      @Schema(description = "A new POS key; never returned") String posKey,
      Boolean encryption,
      String model,
      @Schema(description = "Empty string removes the store") String storeId,
      String appVersion,
      String deviceId,
      @Schema(description = "false disables the terminal, true enables it") Boolean enabled,
      @Schema(
              description =
                  "ISO 4217 codes the terminal's merchant takes, e.g. [\"HKD\"]; a payment or"
                      + " refund in another currency is refused (422 CURRENCY_NOT_SUPPORTED)."
                      + " An empty list returns to the hub-wide default (ecrhub.terminal.currencies)")
          java.util.List<String> currencies,
      @Schema(description = "Push a payment not sent over the LAN through QFPay's cloud")
          Boolean cloudFallback) {
    @Override
    public String toString() {
      return "Change[" + name + " " + host + "]";
    }
  }

  /** A terminal as the API shows it. */
  @Schema(name = "Terminal")
  public record View(
      String id,
      String name,
      @Schema(description = "null for CLOUD") String host,
      @Schema(description = "null for CLOUD") Integer port,
      String transport,
      boolean encryption,
      String model,
      String appVersion,
      String storeId,
      String deviceId,
      @Schema(description = "Payments not sent over the LAN are pushed through QFPay's cloud")
          boolean cloudFallback,
      @Schema(
              enumeration = {
                "NEW",
                "ONLINE",
                "UNREACHABLE",
                "KEY_MISMATCH",
                "LOGGED_OUT",
                "HTTPS_MISMATCH",
                "CERTIFICATE_CHANGED",
                "CERTIFICATE_UNTRUSTED",
                "DISABLED"
              })
          String status,
      String statusDetail,
      @Schema(
              description =
                  "Currencies the terminal's merchant takes; null when the hub-wide default"
                      + " (ecrhub.terminal.currencies, HKD unless configured) applies")
          java.util.List<String> currencies,
      @Schema(description = "What the status means") String statusMeaning,
      @Schema(description = "What an operator should do about it") String statusFix,
      @Schema(
              description =
                  "Non-secret fingerprint of the POS key (SHA-256, 8 hex digits), to"
                      + " check it against the key the terminal uses")
          String posKeyFingerprint,
      Instant createdAt,
      Instant updatedAt,
      long version) {

    public static View of(Terminal t) {
      return new View(
          t.id().value(),
          t.name(),
          t.transport().local() ? t.host() : null,
          t.transport().local() ? t.port() : null,
          t.transport().name(),
          t.encryption(),
          t.model().name(),
          t.appVersion().map(AppVersion::toString).orElse(null),
          t.storeId().orElse(null),
          t.deviceId().orElse(null),
          t.cloudFallback(),
          t.status().name(),
          t.statusDetail().orElse(null),
          t.currencies().map(Currencies::list).orElse(null),
          t.status().meaning(),
          t.status().fix().isEmpty() ? null : t.status().fix(),
          t.posKey().fingerprint(),
          t.createdAt(),
          t.updatedAt(),
          t.version());
    }
  }
}

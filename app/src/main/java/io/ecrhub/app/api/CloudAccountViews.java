package io.ecrhub.app.api;

import io.ecrhub.domain.cloud.StoreCloudAccount;
import io.quarkus.runtime.annotations.RegisterForReflection;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Bodies of {@code /api/v1/cloud-accounts}. The client key goes in, never out (ADR 0028). */
@RegisterForReflection
public final class CloudAccountViews {
  private CloudAccountViews() {}

  /** Body of {@code POST /api/v1/cloud-accounts}. */
  @Schema(name = "CloudAccountCreation")
  public record Create(
      @Schema(required = true, description = "The store the account serves (one per store)")
          String storeId,
      @Schema(
              description = "production, live-test or sandbox; give this or url",
              enumeration = {"production", "live-test", "sandbox"})
          String environment,
      @Schema(
              description =
                  "QFPay's base URL, https:// (http:// only for a loopback host); give this or"
                      + " environment",
              examples = "https://openapi-hk.qfapi.com")
          String url,
      @Schema(required = true, description = "X-QF-APPCODE: 1-64 of letters, digits, . _ ~ -")
          String appCode,
      @Schema(
              required = true,
              description =
                  "The client key QFPay issued with the app code (8-256 characters, no white"
                      + " space); stored encrypted, never returned")
          String clientKey,
      @Schema(description = "Only when QFPay issued one") String mchid,
      @Schema(
              description = "MD5 (default) or SHA256",
              enumeration = {"MD5", "SHA256"})
          String signType) {}

  /** Body of {@code PUT} (every field) and {@code PATCH} (only the fields given). */
  @Schema(name = "CloudAccountChange")
  public record Change(
      @Schema(enumeration = {"production", "live-test", "sandbox"}) String environment,
      @Schema(description = "https:// (http:// only for a loopback host)") String url,
      String appCode,
      @Schema(
              description =
                  "A new client key; absent keeps the stored one. Stored encrypted, never"
                      + " returned")
          String clientKey,
      @Schema(description = "Empty or absent (PUT) removes it") String mchid,
      @Schema(enumeration = {"MD5", "SHA256"}) String signType) {}

  /** A store's account as the API shows it: never the client key, nor any part of it. */
  @Schema(name = "CloudAccount")
  public record View(
      String id,
      String storeId,
      String environment,
      String url,
      String appCode,
      String mchid,
      String signType,
      @Schema(description = "Always true: a key is stored (it is never shown)")
          boolean clientKeySet,
      @Schema(
              description =
                  "Why the stored key cannot be used (it does not open), or null; enter the key"
                      + " again")
          String clientKeyProblem,
      Instant createdAt,
      Instant updatedAt) {
    static View of(StoreCloudAccount a) {
      return new View(
          a.id(),
          a.storeId(),
          a.environment(),
          a.url(),
          a.appCode(),
          a.mchid(),
          a.signType().name(),
          true,
          a.usable() ? null : a.unreadable(),
          a.createdAt(),
          a.updatedAt());
    }
  }
}

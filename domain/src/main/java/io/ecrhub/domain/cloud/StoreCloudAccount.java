package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.ValidationException;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * A store's own QFPay cloud account (ADR 0028): the store's transactions are queried, refunded,
 * pushed and reported through it instead of the default account from configuration. {@link
 * #toString()} never shows the client key.
 *
 * @param environment {@code production}, {@code live-test} or {@code sandbox}; null when {@code
 *     url} is set
 * @param url an explicit base URL ({@code https://}, or {@code http://} for a loopback host); null
 *     when {@code environment} is set
 * @param mchid sent only when QFPay issued one, else null
 * @param clientKey the key; null only when the stored key could not be opened ({@code unreadable}
 *     says why): such an account serves nothing until the key is entered again
 * @param unreadable why the stored key does not open, or null
 * @param version 0 for a new account, then the stored version
 */
public record StoreCloudAccount(
    String id,
    String storeId,
    String environment,
    String url,
    String appCode,
    String mchid,
    CloudSignType signType,
    ClientKey clientKey,
    String unreadable,
    Instant createdAt,
    Instant updatedAt,
    long version) {
  /** The environment names QFPay publishes (protocol doc §8.2). */
  public static final Set<String> ENVIRONMENTS = Set.of("production", "live-test", "sandbox");

  public StoreCloudAccount {
    Objects.requireNonNull(id, "id");
    storeId = requireStore(storeId);
    boolean hasEnv = environment != null && !environment.isBlank();
    boolean hasUrl = url != null && !url.isBlank();
    ValidationException.require(
        hasEnv != hasUrl,
        "INVALID_CLOUD_ENDPOINT",
        hasEnv ? "url" : "environment",
        "give either environment (production, live-test, sandbox) or url, not both");
    if (hasEnv) {
      environment = environment.trim().toLowerCase(Locale.ROOT);
      ValidationException.require(
          ENVIRONMENTS.contains(environment),
          "INVALID_CLOUD_ENDPOINT",
          "environment",
          "environment must be production, live-test or sandbox");
      url = null;
    } else {
      environment = null;
      url = url.trim();
    }
    ValidationException.require(
        appCode != null && appCode.matches("[A-Za-z0-9._~-]{1,64}"),
        "INVALID_APP_CODE",
        "appCode",
        "appCode must be 1-64 of letters, digits, . _ ~ -");
    mchid = mchid == null || mchid.isBlank() ? null : mchid;
    ValidationException.require(
        mchid == null || mchid.matches("[A-Za-z0-9._~-]{1,64}"),
        "INVALID_MCHID",
        "mchid",
        "mchid must be 1-64 of letters, digits, . _ ~ -");
    signType = signType == null ? CloudSignType.MD5 : signType;
    if (clientKey == null && unreadable == null) {
      throw new ValidationException("FIELD_REQUIRED", "clientKey", "clientKey is required");
    }
    Objects.requireNonNull(createdAt, "createdAt");
    Objects.requireNonNull(updatedAt, "updatedAt");
  }

  /** Store ids as terminals take them: 1-64 of letters, digits, {@code _ . -}. */
  public static String requireStore(String storeId) {
    ValidationException.require(
        storeId != null && !storeId.isBlank(), "FIELD_REQUIRED", "storeId", "storeId is required");
    ValidationException.require(
        storeId.matches("[A-Za-z0-9_.-]{1,64}"),
        "INVALID_STORE_ID",
        "storeId",
        "storeId must be 1-64 of letters, digits, _ . -");
    return storeId;
  }

  /** Whether the account can sign requests (its key opened). */
  public boolean usable() {
    return clientKey != null;
  }

  /** The same account with other fields, {@code updatedAt} set to {@code now}. */
  public StoreCloudAccount changed(
      String newEnvironment,
      String newUrl,
      String newAppCode,
      String newMchid,
      CloudSignType newSignType,
      ClientKey newKey,
      Instant now) {
    ClientKey key = newKey != null ? newKey : clientKey;
    return new StoreCloudAccount(
        id,
        storeId,
        newEnvironment,
        newUrl,
        newAppCode,
        newMchid,
        newSignType,
        key,
        key == null ? unreadable : null,
        createdAt,
        now,
        version);
  }

  @Override
  public String toString() {
    return "StoreCloudAccount["
        + id
        + " store="
        + storeId
        + " appCode="
        + appCode
        + " key="
        + (clientKey == null ? "unreadable" : "set")
        + "]";
  }
}

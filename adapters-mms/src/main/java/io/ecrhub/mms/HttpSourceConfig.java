package io.ecrhub.mms;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Configuration of a partner's device-list API.
 *
 * @param url where to GET the list: https, or http on a loopback address ({@link PullUrls})
 * @param authHeaderName header carrying the credential (e.g. {@code Authorization}), or null
 * @param authHeaderValue the credential; a secret, masked by {@link #toString()}
 * @param itemsPointer JSON pointer to the device array (e.g. {@code /data/devices}); null or blank
 *     to find it as the file importer does
 * @param fieldMapping our field ({@code deviceId}, {@code name}, {@code posKey}, {@code https},
 *     {@code encryption}, {@code ip}) to the partner's property name or JSON pointer; unmapped
 *     fields are matched by name
 * @param timeout connect and response budget per attempt
 * @param maxAttempts attempts per fetch (1 = no retry)
 * @param initialBackoff pause before the second attempt; doubles each time up to {@code maxBackoff}
 * @param failureThreshold consecutive failed fetches that open the circuit
 * @param openDuration how long an open circuit refuses fetches before one trial
 */
public record HttpSourceConfig(
    URI url,
    String authHeaderName,
    String authHeaderValue,
    String itemsPointer,
    Map<String, String> fieldMapping,
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    int failureThreshold,
    Duration openDuration,
    ImportOptions options) {

  public HttpSourceConfig {
    Objects.requireNonNull(url, "url");
    PullUrls.check(url);
    if ((authHeaderName == null) != (authHeaderValue == null)) {
      throw new IllegalArgumentException("auth header needs both a name and a value");
    }
    fieldMapping = fieldMapping == null ? Map.of() : Map.copyOf(fieldMapping);
    for (String k : fieldMapping.keySet()) {
      if (Field.fromConfigName(k).isEmpty()) {
        throw new IllegalArgumentException(
            "unknown field '"
                + k
                + "' in the mapping; use deviceId, name, posKey, https,"
                + " encryption or ip");
      }
    }
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(initialBackoff, "initialBackoff");
    Objects.requireNonNull(maxBackoff, "maxBackoff");
    Objects.requireNonNull(openDuration, "openDuration");
    Objects.requireNonNull(options, "options");
    if (maxAttempts < 1 || failureThreshold < 1) {
      throw new IllegalArgumentException("maxAttempts and failureThreshold must be at least 1");
    }
  }

  /** Sensible defaults: 10 s timeout, 3 attempts from 1 s, circuit opens after 3 failed fetches. */
  public static HttpSourceConfig of(URI url, String authHeaderName, String authHeaderValue) {
    return new HttpSourceConfig(
        url,
        authHeaderName,
        authHeaderValue,
        null,
        Map.of(),
        Duration.ofSeconds(10),
        3,
        Duration.ofSeconds(1),
        Duration.ofSeconds(30),
        3,
        Duration.ofMinutes(5),
        ImportOptions.defaults());
  }

  /** The mapping keyed by field. */
  Map<Field, String> mapping() {
    Map<Field, String> m = new java.util.EnumMap<>(Field.class);
    fieldMapping.forEach((k, v) -> m.put(Field.fromConfigName(k).orElseThrow(), v));
    return m;
  }

  @Override
  public String toString() {
    return "HttpSourceConfig[url="
        + HttpMerchantConfigSource.display(url)
        + ", auth="
        + (authHeaderName == null ? "none" : authHeaderName + ": [hidden]")
        + ", itemsPointer="
        + itemsPointer
        + ", fieldMapping="
        + fieldMapping
        + ", maxAttempts="
        + maxAttempts
        + ", failureThreshold="
        + failureThreshold
        + "]";
  }
}

package io.ecrhub.app.mms;

import io.ecrhub.domain.merchant.ReviewRule;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** MMS configuration sync ({@code ecrhub.mms.*}). */
@ConfigMapping(prefix = "ecrhub.mms")
public interface MmsConfig {
  /**
   * Apply changes at once (removed devices still wait for review); false holds every change for an
   * operator's review.
   */
  @WithDefault("true")
  boolean autoApply();

  /**
   * Kinds of change held for review even when {@code auto-apply} is on: REMOVAL, ADDRESS, POS_KEY,
   * HTTPS_OFF, HTTPS_ON, ENCRYPTION, LINK, NAME, NEW. The default holds the risky ones (a source
   * that can move a terminal, replace its key or switch HTTPS off could redirect payments).
   */
  @WithDefault("REMOVAL,ADDRESS,POS_KEY,HTTPS_OFF")
  Set<ReviewRule> alwaysReview();

  /** A POS Key List export ({@code .csv} or {@code .json}) synced by {@code POST .../file}. */
  Optional<Path> importFile();

  /** A partner's or agent's device-list API, pulled on a schedule. */
  Pull pull();

  /** The HTTP pull source. */
  interface Pull {
    /**
     * GET URL of the device list: {@code https://} (plain {@code http://} only for a loopback
     * address); no pull when unset. Another URL stops the hub at start-up.
     */
    Optional<URI> url();

    /** Header carrying the credential, e.g. {@code Authorization}. */
    Optional<String> authHeaderName();

    /** The credential (secret; give it as an environment variable). */
    Optional<String> authHeaderValue();

    /** JSON pointer to the device array, e.g. {@code /data/devices}. */
    Optional<String> itemsPointer();

    /** Our field (deviceId, name, posKey, https, encryption, ip) to the partner's property. */
    Map<String, String> fieldMapping();

    /** How often to pull. */
    @WithDefault("15m")
    Duration every();

    /** How long after start-up the first scheduled pull waits. */
    @WithDefault("30s")
    Duration delay();

    /**
     * The API lists only some of the merchant's devices (e.g. one store's): devices it does not
     * list are not treated as removed.
     */
    @WithDefault("false")
    boolean partial();

    /** Budget per attempt. */
    @WithDefault("10s")
    Duration timeout();

    /** Attempts per pull (transport errors, 429 and 5xx are retried). */
    @WithDefault("3")
    int maxAttempts();

    /** Pause before the second attempt; doubles up to {@code max-backoff}. */
    @WithDefault("1s")
    Duration initialBackoff();

    /** Longest pause between attempts. */
    @WithDefault("30s")
    Duration maxBackoff();

    /** Failed pulls in a row that open the circuit. */
    @WithDefault("3")
    int failureThreshold();

    /** How long an open circuit skips pulls before one trial. */
    @WithDefault("5m")
    Duration openDuration();
  }
}

package io.ecrhub.cloud;

import io.ecrhub.domain.cloud.ClientKey;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One QFPay merchant account and how to talk to it.
 *
 * @param baseUrl from {@link CloudEnvironment#resolve}
 * @param appCode sent as {@code X-QF-APPCODE}
 * @param mchid sent only when QFPay issued one, else null
 * @param extraCaFiles PEM files trusted besides the JVM's trust store
 */
public record CloudAccount(
    URI baseUrl,
    String appCode,
    ClientKey clientKey,
    String mchid,
    SignType signType,
    List<Path> extraCaFiles,
    Limits limits) {

  public CloudAccount {
    Objects.requireNonNull(baseUrl, "baseUrl");
    if (appCode == null || appCode.isBlank() || appCode.chars().anyMatch(Character::isWhitespace)) {
      throw new IllegalArgumentException("QFPay cloud app code is required, without white space");
    }
    Objects.requireNonNull(clientKey, "clientKey");
    mchid = mchid == null || mchid.isBlank() ? null : mchid.trim();
    signType = signType == null ? SignType.MD5 : signType;
    extraCaFiles = extraCaFiles == null ? List.of() : List.copyOf(extraCaFiles);
    limits = limits == null ? Limits.DEFAULTS : limits;
  }

  /** The account with other limits. */
  public CloudAccount withLimits(Limits newLimits) {
    return new CloudAccount(baseUrl, appCode, clientKey, mchid, signType, extraCaFiles, newLimits);
  }

  @Override
  public String toString() {
    // the client key masks itself; spelled out so no future field leaks by accident
    return "CloudAccount[" + baseUrl + " appCode=" + appCode + " key=" + clientKey + "]";
  }

  /**
   * Timeouts, retries and rate limits.
   *
   * @param queryAttempts how often a query is tried when the network fails (at least 1)
   * @param backoffBase first wait after a 429 or a failed query; doubles up to {@code backoffMax},
   *     with jitter
   * @param rateLimitPatience how long one call may wait for QFPay's or our own rate limit before it
   *     gives up as not sent
   * @param perSecond requests per second per account (QFPay: 100)
   * @param perMinute requests per minute per account (QFPay: 400)
   */
  public record Limits(
      Duration connectTimeout,
      Duration requestTimeout,
      int queryAttempts,
      Duration backoffBase,
      Duration backoffMax,
      Duration rateLimitPatience,
      int perSecond,
      int perMinute) {
    public static final Limits DEFAULTS =
        new Limits(
            Duration.ofSeconds(5),
            Duration.ofSeconds(15),
            3,
            Duration.ofMillis(500),
            Duration.ofSeconds(10),
            Duration.ofSeconds(60),
            100,
            400);

    public Limits {
      Objects.requireNonNull(connectTimeout, "connectTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      Objects.requireNonNull(backoffBase, "backoffBase");
      Objects.requireNonNull(backoffMax, "backoffMax");
      Objects.requireNonNull(rateLimitPatience, "rateLimitPatience");
      if (queryAttempts < 1 || perSecond < 1 || perMinute < 1) {
        throw new IllegalArgumentException("attempts and rate limits must be at least 1");
      }
    }

    /** These limits with another time to wait for one answer. */
    public Limits withRequestTimeout(Duration d) {
      return new Limits(
          connectTimeout,
          d,
          queryAttempts,
          backoffBase,
          backoffMax,
          rateLimitPatience,
          perSecond,
          perMinute);
    }

    /** These limits with another patience for rate limits. */
    public Limits withRateLimitPatience(Duration d) {
      return new Limits(
          connectTimeout,
          requestTimeout,
          queryAttempts,
          backoffBase,
          backoffMax,
          d,
          perSecond,
          perMinute);
    }
  }
}

package io.ecrhub.app.cloud;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * The default QFPay cloud account ({@code ecrhub.qfpay.cloud.*}, protocol doc §8): absent unless
 * {@code app-code} and {@code client-key} are set.
 */
@ConfigMapping(prefix = "ecrhub.qfpay.cloud")
public interface QfpayCloudConfig {
  /**
   * Base URL of the Open API: {@code https://} (plain {@code http://} only for a loopback host).
   * Set this or {@code environment}.
   */
  Optional<String> url();

  /** {@code production}, {@code live-test} or {@code sandbox}, instead of {@code url}. */
  Optional<String> environment();

  /** The app code QFPay issued ({@code X-QF-APPCODE}). */
  Optional<String> appCode();

  /** The client key that signs every request (secret; give it as an environment variable). */
  Optional<String> clientKey();

  /** The merchant id, only when QFPay issued one (agents, multi-store merchants). */
  Optional<String> mchid();

  /** CA PEM files trusted for QFPay's TLS besides the JVM's trust store (comma-separated). */
  Optional<List<Path>> extraCaFiles();

  /** {@code MD5} (QFPay's default) or {@code SHA256} (sent as {@code X-QF-SIGNTYPE}). */
  @WithDefault("MD5")
  String signType();

  /** Connect and TLS handshake budget. */
  @WithDefault("5s")
  Duration connectTimeout();

  /** How long one answer may take; a refund without an answer by then is UNKNOWN. */
  @WithDefault("15s")
  Duration requestTimeout();

  /** Tries of one query when the network fails (refunds and pushes are sent once). */
  @WithDefault("3")
  int queryAttempts();

  /** First wait after a 429 or a failed query; doubles up to {@code backoff-max}, with jitter. */
  @WithDefault("500ms")
  Duration backoffBase();

  /** Longest single wait between tries. */
  @WithDefault("10s")
  Duration backoffMax();

  /** How long one call may wait for rate limits before it is given up as not sent. */
  @WithDefault("60s")
  Duration rateLimitPatience();

  /** Requests per second per account (QFPay's limit: 100). */
  @WithDefault("100")
  int perSecond();

  /** Requests per minute per account (QFPay's limit: 400). */
  @WithDefault("400")
  int perMinute();

  /**
   * Pause between two {@code /ecr/v1/query} calls while a payment pushed to a CLOUD terminal (or a
   * cloud fallback) waits for the card (ADR 0022).
   */
  @WithDefault("2s")
  Duration ecrPollEvery();
}

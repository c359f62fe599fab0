package io.ecrhub.mms;

import io.ecrhub.domain.merchant.ConfigSnapshot;
import io.ecrhub.domain.merchant.ConfigSourceException;
import io.ecrhub.domain.merchant.MerchantConfigSource;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A partner's or agent's device-list API as a configuration source: GET with an auth header, JSON
 * mapped by configuration, retries with exponential backoff for transport errors, 429 and 5xx, and
 * a circuit breaker so a dead API is not hammered on every scheduled run. Never logs or reports the
 * credential. Pulls only from URLs {@link PullUrls} accepts (checked again before every request)
 * and never follows a redirect.
 */
public final class HttpMerchantConfigSource implements MerchantConfigSource {
  private final HttpSourceConfig config;
  private final HttpClient client;
  private final Clock clock;
  private final Sleeper sleeper;
  private final CircuitBreaker breaker;
  private String lastError;

  /** Pauses between attempts; tests pass one that only records. */
  @FunctionalInterface
  public interface Sleeper {
    void sleep(Duration d) throws InterruptedException;
  }

  /** Breaker state for status pages: CLOSED, OPEN or HALF_OPEN. */
  public record Health(
      String state, int consecutiveFailures, Instant openUntil, String lastError) {}

  public HttpMerchantConfigSource(HttpSourceConfig config, Clock clock, Sleeper sleeper) {
    this(
        config,
        HttpClient.newBuilder()
            .connectTimeout(config.timeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .build(),
        clock,
        sleeper);
  }

  HttpMerchantConfigSource(
      HttpSourceConfig config, HttpClient client, Clock clock, Sleeper sleeper) {
    this.config = Objects.requireNonNull(config);
    this.client = Objects.requireNonNull(client);
    this.clock = Objects.requireNonNull(clock);
    this.sleeper = Objects.requireNonNull(sleeper);
    this.breaker = new CircuitBreaker(config.failureThreshold(), config.openDuration());
  }

  /** Production pauses: {@link Thread#sleep(Duration)}. */
  public static Sleeper threadSleeper() {
    return Thread::sleep;
  }

  @Override
  public String name() {
    return "http:" + display(config.url());
  }

  public synchronized Health health() {
    return new Health(
        breaker.state().name(), breaker.consecutiveFailures(), breaker.openUntil(), lastError);
  }

  @Override
  public synchronized ConfigSnapshot fetch() {
    if (!breaker.allow(clock.instant())) {
      throw ConfigSourceException.unavailable(
          name()
              + " is paused after "
              + breaker.consecutiveFailures()
              + " failed fetches (circuit open until "
              + breaker.openUntil()
              + "); last error: "
              + lastError);
    }
    String error = null;
    for (int attempt = 1; attempt <= config.maxAttempts(); attempt++) {
      Attempt a = attempt();
      if (a.body != null) {
        try {
          ConfigSnapshot s =
              JsonRows.read(
                  name(), a.body, config.itemsPointer(), config.mapping(), config.options());
          breaker.success();
          lastError = null;
          return s;
        } catch (ConfigSourceException e) {
          return fail(e.getMessage(), e);
        }
      }
      error = a.error;
      if (!a.retryable) {
        break;
      }
      if (attempt < config.maxAttempts() && !pause(backoff(attempt))) {
        error = error + " (interrupted)";
        break;
      }
    }
    return fail(error, null);
  }

  private ConfigSnapshot fail(String error, ConfigSourceException cause) {
    breaker.failure(clock.instant());
    lastError = error;
    if (cause != null) {
      throw cause;
    }
    throw ConfigSourceException.unavailable(name() + ": " + error);
  }

  private record Attempt(byte[] body, String error, boolean retryable) {}

  private Attempt attempt() {
    try {
      PullUrls.check(config.url());
    } catch (IllegalArgumentException e) {
      return new Attempt(null, e.getMessage(), false);
    }
    HttpRequest.Builder b =
        HttpRequest.newBuilder(config.url())
            .timeout(config.timeout())
            .header("Accept", "application/json")
            .GET();
    if (config.authHeaderName() != null) {
      b.header(config.authHeaderName(), config.authHeaderValue());
    }
    try {
      HttpResponse<InputStream> r =
          client.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      try (InputStream in = r.body()) {
        int status = r.statusCode();
        if (r.previousResponse().isPresent() || !config.url().equals(r.uri())) {
          return new Attempt(null, "redirect not followed: " + redirectTarget(r), false);
        }
        if (status >= 300 && status < 400) {
          return new Attempt(
              null,
              "HTTP "
                  + status
                  + ": redirect to "
                  + redirectTarget(r)
                  + " not followed (configure the final https:// URL)",
              false);
        }
        if (status >= 200 && status < 300) {
          return new Attempt(Sources.readBounded(in, config.options().maxBytes()), null, false);
        }
        boolean retryable = status == 429 || status >= 500;
        String hint =
            status == 401 || status == 403
                ? " (check the auth header)"
                : status == 404 ? " (check the URL)" : "";
        return new Attempt(null, "HTTP " + status + hint, retryable);
      }
    } catch (HttpTimeoutException e) {
      return new Attempt(null, "timed out after " + config.timeout().toSeconds() + " s", true);
    } catch (IOException e) {
      return new Attempt(
          null,
          e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage()),
          true);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(null, "interrupted", false);
    }
  }

  /** Where a redirect pointed, without user info or query; "?" when unreadable. */
  private static String redirectTarget(HttpResponse<?> r) {
    String location = r.headers().firstValue("Location").orElse(null);
    try {
      URI target = location == null ? r.uri() : r.uri().resolve(location);
      return target.getHost() == null ? "?" : display(target);
    } catch (IllegalArgumentException e) {
      return "?";
    }
  }

  private Duration backoff(int attempt) {
    Duration d = config.initialBackoff().multipliedBy(1L << Math.min(attempt - 1, 20));
    return d.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : d;
  }

  private boolean pause(Duration d) {
    try {
      sleeper.sleep(d);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** The URL without user info or query (either may carry a credential). */
  static String display(URI u) {
    return u.getScheme()
        + "://"
        + u.getHost()
        + (u.getPort() < 0 ? "" : ":" + u.getPort())
        + (u.getPath() == null ? "" : u.getPath());
  }
}

package io.ecrhub.cloud;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongSupplier;
import java.util.random.RandomGenerator;
import javax.net.ssl.SSLHandshakeException;

/**
 * Signs and sends one Open API call for one account: waits for the account's rate limit, backs off
 * with jitter after HTTP 429, and retries only idempotent calls (queries). A call that is not
 * idempotent is sent at most once: after a timeout it is {@link Reply.Unknown}.
 */
final class OpenApiTransport {
  private static final System.Logger LOG = System.getLogger(OpenApiTransport.class.getName());
  private static final int MAX_ANSWER_BYTES = 1 << 20;
  private static final ObjectMapper JSON = new ObjectMapper();

  /** What one call came to. */
  sealed interface Reply {
    /** HTTP 200 with a JSON object. */
    record Answer(JsonNode body) implements Reply {}

    /** Provably not processed: never reached QFPay, or refused by its rate limit. */
    record NotSent(String reason) implements Reply {}

    /** May have been processed; no understood answer. */
    record Unknown(String reason) implements Reply {}

    /** A definite HTTP refusal other than 429 (4xx): nothing was done. */
    record Rejected(int status) implements Reply {}
  }

  /** Waits; an interface so tests need not. */
  interface Sleeper {
    void sleep(long nanos) throws InterruptedException;
  }

  private record Attempt(Reply reply, int status, long retryAfterNanos) {}

  private final CloudAccount account;
  private final HttpClient http;
  private final RateLimiter limiter;
  private final RandomGenerator random;
  private final Sleeper sleeper;
  private final LongSupplier nanoTime;
  private final CloudCallObserver observer;

  OpenApiTransport(
      CloudAccount account,
      HttpClient http,
      RateLimiter limiter,
      RandomGenerator random,
      Sleeper sleeper,
      LongSupplier nanoTime,
      CloudCallObserver observer) {
    this.observer = observer;
    this.account = account;
    this.http = http;
    this.limiter = limiter;
    this.random = random;
    this.sleeper = sleeper;
    this.nanoTime = nanoTime;
  }

  /** An idempotent call (a query): retried after network failures, 5xx and 429. */
  Reply query(String path, Map<String, String> params) {
    return call(path, params, true);
  }

  /** A call that changes something (refund, push): sent at most once. */
  Reply sendOnce(String path, Map<String, String> params) {
    return call(path, params, false);
  }

  private Reply call(String path, Map<String, String> params, boolean idempotent) {
    long start = nanoTime.getAsLong();
    int[] attempts = {0};
    Reply reply = callCounted(path, params, idempotent, attempts);
    try {
      observer.completed(
          path, outcome(reply), attempts[0], Duration.ofNanos(nanoTime.getAsLong() - start));
    } catch (RuntimeException e) {
      LOG.log(System.Logger.Level.WARNING, "cloud call observer failed", e);
    }
    return reply;
  }

  private static CloudCallObserver.Outcome outcome(Reply reply) {
    return switch (reply) {
      case Reply.Answer a -> CloudCallObserver.Outcome.ANSWERED;
      case Reply.Rejected r -> CloudCallObserver.Outcome.REJECTED;
      case Reply.NotSent n -> CloudCallObserver.Outcome.NOT_SENT;
      case Reply.Unknown u -> CloudCallObserver.Outcome.UNKNOWN;
    };
  }

  private Reply callCounted(
      String path, Map<String, String> params, boolean idempotent, int[] attempts) {
    Map<String, String> p = new TreeMap<>();
    params.forEach(
        (k, v) -> {
          if (v != null) {
            p.put(k, v);
          }
        });
    if (account.mchid() != null) {
      p.put("mchid", account.mchid());
    }
    CloudAccount.Limits limits = account.limits();
    long deadline = nanoTime.getAsLong() + limits.rateLimitPatience().toNanos();
    int failures = 0;
    int throttled = 0;
    while (true) {
      Reply waited = awaitToken(deadline);
      if (waited != null) {
        return waited;
      }
      Attempt a = attempt(path, p);
      attempts[0]++;
      long backoff;
      if (a.status() == 429) {
        try {
          observer.throttled(path);
        } catch (RuntimeException e) {
          LOG.log(System.Logger.Level.WARNING, "cloud call observer failed", e);
        }
        if (!idempotent) {
          return new Reply.NotSent("QFPay rate limit (HTTP 429): not processed, try later");
        }
        backoff = Math.max(backoff(throttled++), a.retryAfterNanos());
        if (nanoTime.getAsLong() + backoff > deadline) {
          return new Reply.NotSent("QFPay rate limit (HTTP 429) did not clear in time");
        }
      } else if (a.reply() instanceof Reply.Answer || a.reply() instanceof Reply.Rejected) {
        return a.reply();
      } else if (!idempotent || ++failures >= limits.queryAttempts()) {
        return a.reply();
      } else {
        backoff = backoff(failures - 1);
      }
      LOG.log(
          System.Logger.Level.DEBUG,
          "QFPay cloud {0}: retrying in {1} ms",
          path,
          backoff / 1_000_000);
      if (!pause(backoff)) {
        return new Reply.Unknown("interrupted while retrying");
      }
    }
  }

  /** Null once a token was taken, else why not (nothing was sent). */
  private Reply awaitToken(long deadline) {
    long wait;
    while ((wait = limiter.tryAcquire()) > 0) {
      if (nanoTime.getAsLong() + wait > deadline) {
        return new Reply.NotSent("the account's rate limit (per second / per minute) is used up");
      }
      if (!pause(wait)) {
        return new Reply.NotSent("interrupted while waiting for the rate limit");
      }
    }
    return null;
  }

  /** Exponential from the base, capped, with equal jitter: half fixed, half random. */
  private long backoff(int attempt) {
    CloudAccount.Limits l = account.limits();
    long max = l.backoffMax().toNanos();
    long d = l.backoffBase().toNanos() << Math.min(attempt, 20);
    d = d <= 0 || d > max ? max : d;
    return d / 2 + (d / 2 > 0 ? random.nextLong(d / 2 + 1) : 0);
  }

  private boolean pause(long nanos) {
    try {
      sleeper.sleep(nanos);
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  private Attempt attempt(String path, Map<String, String> params) {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(endpoint(path))
            .timeout(account.limits().requestTimeout())
            .header("Content-Type", FormBody.CONTENT_TYPE)
            .header("Accept", "application/json")
            .header("X-QF-APPCODE", account.appCode())
            .header(
                "X-QF-SIGN", OpenApiSignature.sign(params, account.clientKey(), account.signType()))
            .POST(
                HttpRequest.BodyPublishers.ofString(
                    FormBody.encode(params), StandardCharsets.UTF_8));
    if (account.signType() == SignType.SHA256) {
      b.header("X-QF-SIGNTYPE", "SHA256");
    }
    try {
      HttpResponse<InputStream> r = http.send(b.build(), HttpResponse.BodyHandlers.ofInputStream());
      int status = r.statusCode();
      LOG.log(System.Logger.Level.DEBUG, "QFPay cloud {0} answered HTTP {1}", path, status);
      try (InputStream in = r.body()) {
        byte[] body = in.readNBytes(MAX_ANSWER_BYTES + 1);
        if (status == 429) {
          return new Attempt(null, 429, retryAfter(r));
        }
        if (status >= 400 && status < 500) {
          return new Attempt(new Reply.Rejected(status), status, 0);
        }
        if (status != 200) {
          return new Attempt(new Reply.Unknown("QFPay answered HTTP " + status), status, 0);
        }
        if (body.length > MAX_ANSWER_BYTES) {
          return new Attempt(new Reply.Unknown("QFPay's answer is too large"), status, 0);
        }
        return new Attempt(parse(body), status, 0);
      }
    } catch (HttpConnectTimeoutException e) {
      return new Attempt(new Reply.NotSent("connect to QFPay timed out"), 0, 0);
    } catch (HttpTimeoutException e) {
      return new Attempt(
          new Reply.Unknown("no answer from QFPay within " + account.limits().requestTimeout()),
          0,
          0);
    } catch (ConnectException e) {
      return new Attempt(new Reply.NotSent("cannot connect to QFPay: " + e.getMessage()), 0, 0);
    } catch (SSLHandshakeException e) {
      return new Attempt(
          new Reply.NotSent("TLS handshake with QFPay failed: " + e.getMessage()), 0, 0);
    } catch (IOException e) {
      return new Attempt(new Reply.Unknown("connection to QFPay failed: " + e), 0, 0);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Attempt(new Reply.Unknown("interrupted while waiting for QFPay"), 0, 0);
    }
  }

  private URI endpoint(String path) {
    String base = account.baseUrl().toString();
    return URI.create((base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + path);
  }

  private static Reply parse(byte[] body) {
    try {
      JsonNode n = JSON.readTree(body);
      return n != null && n.isObject()
          ? new Reply.Answer(n)
          : new Reply.Unknown("QFPay's answer is not a JSON object");
    } catch (IOException e) {
      return new Reply.Unknown("QFPay's answer is not JSON");
    }
  }

  /** {@code Retry-After} in seconds, bounded to a minute; 0 when absent or a date. */
  private static long retryAfter(HttpResponse<?> r) {
    return r.headers()
        .firstValue("Retry-After")
        .filter(v -> v.matches("\\d{1,4}"))
        .map(v -> Math.min(Long.parseLong(v), 60) * 1_000_000_000L)
        .orElse(0L);
  }
}

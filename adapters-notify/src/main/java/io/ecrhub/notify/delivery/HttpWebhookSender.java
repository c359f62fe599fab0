package io.ecrhub.notify.delivery;

import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.SendResult;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.WebhookSender;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Delivers one outbox message over HTTP with the JDK client: checks the target against the SSRF
 * guard at send time, signs per the subscription's format, applies connect and read timeouts, never
 * follows redirects, and keeps only a short snippet of the response. Success is any 2xx and, for
 * the QFPay format, a body of {@code SUCCESS} (what QFPay itself requires).
 */
public final class HttpWebhookSender implements WebhookSender {
  private final TargetGuard guard;
  private final Settings settings;
  private final HttpClient client;

  /**
   * @param connectTimeout TCP/TLS connect limit
   * @param readTimeout limit for the response after the request is sent
   * @param snippetBytes how much of the response body to keep for the log
   */
  public record Settings(Duration connectTimeout, Duration readTimeout, int snippetBytes) {
    public Settings {
      Objects.requireNonNull(connectTimeout);
      Objects.requireNonNull(readTimeout);
      if (snippetBytes < 0 || snippetBytes > 64 * 1024) {
        throw new IllegalArgumentException("snippetBytes must be 0-65536");
      }
    }
  }

  public HttpWebhookSender(TargetGuard guard, Settings settings) {
    this.guard = Objects.requireNonNull(guard);
    this.settings = Objects.requireNonNull(settings);
    this.client =
        HttpClient.newBuilder()
            .connectTimeout(settings.connectTimeout())
            .followRedirects(HttpClient.Redirect.NEVER)
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  @Override
  public SendResult send(Subscription subscription, OutboxMessage message, Instant now) {
    long started = System.nanoTime();
    try {
      guard.check(subscription.target(), subscription.allowPrivateTarget());
    } catch (TargetRefusedException e) {
      return SendResult.noResponse(since(started), "target refused: " + e.getMessage());
    }
    HttpRequest request = request(subscription, message, now);
    CompletableFuture<HttpResponse<byte[]>> call =
        client.sendAsync(request, info -> new SnippetSubscriber(settings.snippetBytes()));
    HttpResponse<byte[]> response;
    try {
      response =
          call.get(
              settings.connectTimeout().plus(settings.readTimeout()).plusSeconds(1).toMillis(),
              TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      call.cancel(true);
      return SendResult.noResponse(since(started), "timed out");
    } catch (InterruptedException e) {
      call.cancel(true);
      Thread.currentThread().interrupt();
      return SendResult.noResponse(since(started), "interrupted");
    } catch (ExecutionException e) {
      return SendResult.noResponse(since(started), describe(e.getCause()));
    }
    int status = response.statusCode();
    String snippet = printable(response.body());
    boolean ok2xx = status >= 200 && status < 300;
    boolean ok =
        ok2xx
            && (subscription.format() != DeliveryFormat.QFPAY
                || "SUCCESS".equalsIgnoreCase(snippet.trim()));
    String error =
        ok ? null : ok2xx ? "HTTP " + status + " without body SUCCESS" : "HTTP " + status;
    return new SendResult(ok, status, since(started), snippet, error);
  }

  private HttpRequest request(Subscription s, OutboxMessage m, Instant now) {
    byte[] body = m.body();
    HttpRequest.Builder b =
        HttpRequest.newBuilder(s.target())
            .timeout(settings.readTimeout())
            .header("Content-Type", "application/json")
            .header("User-Agent", "ECR-Hub-Webhooks/1")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    switch (s.format()) {
      case QFPAY -> b.header(QfpayResigner.HEADER, QfpayResigner.sign(body, s.secret()));
      case HUB_EVENTS -> {
        long ts = now.getEpochSecond();
        b.header(StandardWebhookSigner.ID, m.id())
            .header(StandardWebhookSigner.TIMESTAMP, Long.toString(ts))
            .header(
                StandardWebhookSigner.SIGNATURE,
                StandardWebhookSigner.sign(m.id(), ts, body, s.secret()));
      }
    }
    return b.build();
  }

  private static String describe(Throwable t) {
    if (t instanceof HttpTimeoutException) {
      return "timed out";
    }
    if (t instanceof java.net.ConnectException) {
      return "connection refused or unreachable";
    }
    return "no response: " + (t == null ? "unknown" : t.getClass().getSimpleName());
  }

  private static String printable(byte[] body) {
    if (body == null || body.length == 0) {
      return "";
    }
    String s = new String(body, StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(s.length());
    s.codePoints()
        .forEach(c -> out.appendCodePoint(Character.isISOControl(c) && c != '\n' ? ' ' : c));
    return out.toString();
  }

  private static Duration since(long startedNanos) {
    return Duration.ofNanos(System.nanoTime() - startedNanos);
  }
}

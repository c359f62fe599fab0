package io.ecrhub.simulator;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Stands in for QFPay's asynchronous notification sender (protocol doc §7): POSTs each approved
 * payment and refund as JSON with {@code X-QF-SIGN}, and retries on QFPay's schedule (2m, 10m, 10m,
 * 60m, 2h, 6h, 15h after the previous attempt, divided by the compression factor) until the answer
 * is HTTP 200 with body {@code SUCCESS}. HTTPS targets are verified against the JDK's default trust
 * store. Every attempt is recorded.
 */
public final class QfpayNotifier implements AutoCloseable {
  /** QFPay's retry gaps after the first attempt. */
  public static final List<Duration> RETRY_GAPS =
      List.of(
          Duration.ofMinutes(2),
          Duration.ofMinutes(10),
          Duration.ofMinutes(10),
          Duration.ofMinutes(60),
          Duration.ofHours(2),
          Duration.ofHours(6),
          Duration.ofHours(15));

  private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  private final double compression;
  private final String refundNotifyType;
  private final Clock clock;
  private final HttpClient http;
  private final ScheduledExecutorService timer;
  private final List<Delivery> deliveries = new CopyOnWriteArrayList<>();

  QfpayNotifier(double compression, String refundNotifyType, Clock clock) {
    this.compression = compression;
    this.refundNotifyType = refundNotifyType;
    this.clock = clock;
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10))
            .build();
    this.timer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "sim-notifier");
              t.setDaemon(true);
              return t;
            });
  }

  /** Every notification sent so far, oldest first, with its attempts. */
  public List<SimNotification> notifications() {
    List<SimNotification> out = new ArrayList<>();
    for (Delivery d : deliveries) {
      out.add(d.snapshot());
    }
    return out;
  }

  void paymentApproved(String terminalId, URI url, String key, SimTransaction p) {
    send(terminalId, url, key, "payment", p.syssn(), NotificationBody.payment(p));
  }

  void refundApproved(
      String terminalId, URI url, String key, SimTransaction refund, SimTransaction payment) {
    send(
        terminalId,
        url,
        key,
        refundNotifyType,
        refund.syssn(),
        NotificationBody.refund(refund, payment, refundNotifyType));
  }

  private void send(
      String terminalId,
      URI url,
      String key,
      String type,
      String syssn,
      java.util.Map<String, String> fields) {
    if (url == null || key == null) {
      return;
    }
    String body = NotificationBody.pythonJson(fields);
    byte[] raw = body.getBytes(StandardCharsets.UTF_8);
    Delivery d =
        new Delivery(terminalId, type, syssn, url, body, NotificationBody.sign(raw, key), clock);
    deliveries.add(d);
    try {
      timer.execute(() -> attempt(d));
    } catch (java.util.concurrent.RejectedExecutionException e) {
      d.markExhausted(); // the simulator is closing
    }
  }

  private void attempt(Delivery d) {
    HttpRequest req =
        HttpRequest.newBuilder(d.target())
            .timeout(REQUEST_TIMEOUT)
            .header("Content-Type", "application/json")
            .header("X-QF-SIGN", d.signature())
            .POST(HttpRequest.BodyPublishers.ofString(d.body(), StandardCharsets.UTF_8))
            .build();
    http.sendAsync(req, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8))
        .whenComplete(
            (resp, err) -> {
              boolean ok =
                  resp != null && resp.statusCode() == 200 && "SUCCESS".equals(resp.body().trim());
              int n =
                  err != null
                      ? d.record(-1, null, err.getClass().getSimpleName() + ": " + err.getMessage())
                      : d.record(resp.statusCode(), resp.body(), null);
              if (ok) {
                d.markDelivered();
              } else if (n <= RETRY_GAPS.size()) {
                scheduleRetry(d, RETRY_GAPS.get(n - 1));
              } else {
                d.markExhausted();
              }
            });
  }

  private void scheduleRetry(Delivery d, Duration gap) {
    long nanos = (long) (gap.toNanos() / compression);
    try {
      timer.schedule(() -> attempt(d), nanos, TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      d.markExhausted(); // the simulator is closing
    }
  }

  @Override
  public void close() {
    timer.shutdownNow();
    http.shutdownNow();
  }
}

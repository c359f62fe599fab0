package io.ecrhub.app.metrics;

import io.ecrhub.cloud.CloudCallObserver;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * QFPay cloud calls as metrics: {@code ecrhub_cloud_calls_total{operation,outcome}} per call
 * (outcome {@code answered|rejected|not_sent|unknown}), {@code ecrhub_cloud_attempts_total
 * {operation}} per HTTP request sent, {@code ecrhub_cloud_throttled_total{operation}} per HTTP 429
 * and {@code ecrhub_cloud_call_seconds{operation}} (the whole call: rate-limit waits and retries
 * included). The operation is the Open API path without version and {@code /async} ({@code
 * trade_query}, {@code trade_refund}, {@code ecr_payment}, ...): a handful of values, never ids,
 * accounts or amounts. The adapter's own paths are registered at once, so the series exist at 0.
 */
@Singleton
public class MeteredCloudCalls implements CloudCallObserver {
  /** Every path the adapter calls today; another one still gets its series on first use. */
  static final List<String> KNOWN_PATHS =
      List.of(
          "/trade/v1/query",
          "/trade/v1/refund",
          "/ecr/v1/payment/async",
          "/ecr/v1/refund/async",
          "/ecr/v1/cancel/async",
          "/ecr/v1/print_receipt/async",
          "/ecr/v1/print_summary/async",
          "/ecr/v1/query");

  private record Meters(
      Map<Outcome, Counter> calls, Counter attempts, Counter throttled, Timer duration) {}

  private final MeterRegistry registry;
  private final Map<String, Meters> byPath = new ConcurrentHashMap<>();

  @Inject
  public MeteredCloudCalls(MeterRegistry registry) {
    this.registry = registry;
    KNOWN_PATHS.forEach(this::meters);
  }

  @Override
  public void completed(String path, Outcome outcome, int attempts, Duration elapsed) {
    Meters m = meters(path);
    m.calls().get(outcome).increment();
    m.attempts().increment(attempts);
    m.duration().record(elapsed);
  }

  @Override
  public void throttled(String path) {
    meters(path).throttled().increment();
  }

  /** {@code /ecr/v1/print_receipt/async} → {@code ecr_print_receipt}. */
  static String operation(String path) {
    String op = path.replaceFirst("^/+", "").replace("/v1/", "/").replaceFirst("/async$", "");
    op = op.replaceAll("[^A-Za-z0-9]+", "_").toLowerCase(Locale.ROOT);
    return op.isEmpty() ? "other" : op;
  }

  private Meters meters(String path) {
    return byPath.computeIfAbsent(
        path,
        p -> {
          String op = operation(p);
          Map<Outcome, Counter> calls = new java.util.EnumMap<>(Outcome.class);
          for (Outcome o : Outcome.values()) {
            calls.put(
                o,
                Counter.builder("ecrhub.cloud.calls")
                    .description("QFPay cloud (Open API) calls, by operation and outcome")
                    .tag("operation", op)
                    .tag("outcome", o.name().toLowerCase(Locale.ROOT))
                    .register(registry));
          }
          return new Meters(
              Map.copyOf(calls),
              Counter.builder("ecrhub.cloud.attempts")
                  .description("HTTP requests sent to the QFPay cloud, retries included")
                  .tag("operation", op)
                  .register(registry),
              Counter.builder("ecrhub.cloud.throttled")
                  .description("HTTP 429 answers of the QFPay cloud")
                  .tag("operation", op)
                  .register(registry),
              Timer.builder("ecrhub.cloud.call")
                  .description("Duration of QFPay cloud calls, waits and retries included")
                  .tag("operation", op)
                  .register(registry));
        });
  }
}

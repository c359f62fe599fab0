package io.ecrhub.app.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code Retry-After} on answers a client should simply retry: a terminal busy with another
 * payment, refund or request ({@code 409 TERMINAL_BUSY}) is free again once that exchange ends, so
 * a till polls again after a few seconds rather than at once or never. A hub instance that drains
 * on shutdown ({@code 503 HUB_DRAINING}, ADR 0024) is left by the load balancer within seconds, so
 * the till retries soon and reaches another instance.
 */
public final class RetryAfter {
  /** Seconds a client waits before retrying on a busy terminal. */
  public static final int TERMINAL_BUSY_SECONDS = 5;

  /** Seconds a client waits before retrying a payment or refund a draining instance refused. */
  public static final int HUB_DRAINING_SECONDS = 2;

  private RetryAfter() {}

  /**
   * {@code response} with {@code Retry-After} added when it is a {@code TERMINAL_BUSY} or a {@code
   * HUB_DRAINING}.
   */
  public static Response ifBusy(String code, Response response) {
    int seconds;
    if ("TERMINAL_BUSY".equals(code)) {
      seconds = TERMINAL_BUSY_SECONDS;
    } else if ("HUB_DRAINING".equals(code)) {
      seconds = HUB_DRAINING_SECONDS;
    } else {
      return response;
    }
    return Response.fromResponse(response)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(seconds))
        .build();
  }
}

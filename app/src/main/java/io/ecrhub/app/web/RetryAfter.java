package io.ecrhub.app.web;

import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;

/**
 * {@code Retry-After} on answers a client should simply retry: a terminal busy with another
 * payment, refund or request ({@code 409 TERMINAL_BUSY}) is free again once that exchange ends, so
 * a till polls again after a few seconds rather than at once or never.
 */
public final class RetryAfter {
  /** Seconds a client waits before retrying on a busy terminal. */
  public static final int TERMINAL_BUSY_SECONDS = 5;

  private RetryAfter() {}

  /** {@code response} with {@code Retry-After} added when it is a {@code TERMINAL_BUSY}. */
  public static Response ifBusy(String code, Response response) {
    if (!"TERMINAL_BUSY".equals(code)) {
      return response;
    }
    return Response.fromResponse(response)
        .header(HttpHeaders.RETRY_AFTER, String.valueOf(TERMINAL_BUSY_SECONDS))
        .build();
  }
}

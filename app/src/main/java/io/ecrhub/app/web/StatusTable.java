package io.ecrhub.app.web;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.ValidationException;
import java.util.Map;

/**
 * Which HTTP status a domain refusal gets. Invalid input is 400, a missing entity 404, a clash with
 * the current state 409, a terminal that did not take a request 502, and any other rule of the
 * domain (a refund the terminal cannot do, a card payment on a QR-only terminal) 422.
 */
final class StatusTable {
  private static final Map<String, Integer> BY_CODE =
      Map.ofEntries(
          Map.entry("TERMINAL_BUSY", 409),
          Map.entry("IDEMPOTENCY_KEY_REUSED", 409),
          Map.entry("IDEMPOTENCY_CONFLICT", 409),
          Map.entry("IDEMPOTENCY_KEY_IN_USE", 409),
          Map.entry("ILLEGAL_TRANSITION", 409),
          Map.entry("TERMINAL_IN_USE", 409),
          Map.entry("DUPLICATE_DEVICE_ID", 409),
          Map.entry("CLOUD_ACCOUNT_EXISTS", 409),
          Map.entry("CONCURRENT_MODIFICATION", 409),
          Map.entry("TERMINAL_DISABLED", 409),
          Map.entry("PAYMENT_NOT_CANCELLABLE", 409),
          Map.entry("CANCEL_NOT_DELIVERED", 502),
          Map.entry("CLOUD_UNREACHABLE", 503),
          Map.entry("TOO_MANY_STREAMS", 429),
          Map.entry("CLOUD_UNAVAILABLE", 503),
          // a hub instance draining on shutdown (ADR 0024)
          Map.entry("HUB_DRAINING", 503),
          // MMS configuration sync (io.ecrhub.app.mms)
          Map.entry("HELD_SYNC_RESOLVED", 409),
          Map.entry("CONFIG_SOURCE_UNAVAILABLE", 503));

  private StatusTable() {}

  static int statusOf(DomainException e) {
    if (e instanceof NotFoundException) {
      return 404;
    }
    if (e instanceof ConcurrentModificationException) {
      return 409;
    }
    Integer byCode = BY_CODE.get(e.code());
    if (byCode != null) {
      return byCode;
    }
    if (e instanceof ValidationException) {
      return 400;
    }
    return 422;
  }
}

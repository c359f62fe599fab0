package io.ecrhub.app.api;

import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Locale;

/** Parsing of path, query and header values with problem-document errors naming the input. */
final class Inputs {
  private Inputs() {}

  static void requireBody(Object body) {
    if (body == null) {
      throw new ValidationException("BODY_REQUIRED", null, "a JSON request body is required");
    }
  }

  static String required(String value, String field) {
    if (value == null || value.isBlank()) {
      throw new ValidationException("FIELD_REQUIRED", field, field + " is required");
    }
    return value;
  }

  /** A terminal id from the path: a malformed one cannot exist, so 404. */
  static TerminalId terminalInPath(String id) {
    try {
      return TerminalId.of(id);
    } catch (ValidationException e) {
      throw new NotFoundException("TERMINAL_NOT_FOUND", "no terminal with that id");
    }
  }

  static PaymentId paymentInPath(String id) {
    try {
      return new PaymentId(id);
    } catch (ValidationException e) {
      throw new NotFoundException("PAYMENT_NOT_FOUND", "no payment with that id");
    }
  }

  static RefundId refundInPath(String id) {
    try {
      return new RefundId(id);
    } catch (ValidationException e) {
      throw new NotFoundException("REFUND_NOT_FOUND", "no refund with that id");
    }
  }

  static TransactionStatus status(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return TransactionStatus.valueOf(text.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "INVALID_STATUS",
          "status",
          "status must be one of PENDING, IN_PROGRESS, SUCCEEDED, DECLINED, CANCELLED, FAILED,"
              + " UNKNOWN");
    }
  }

  static Instant instant(String text, String field) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          "INVALID_TIME",
          field,
          field + " must be an ISO-8601 instant such as 2026-11-26T10:00:00Z");
    }
  }

  /** The {@code Last-Event-ID} header: a non-negative event id. */
  static Long lastEventId(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    try {
      long id = Long.parseLong(text.trim());
      if (id >= 0) {
        return id;
      }
    } catch (NumberFormatException e) {
      // fall through
    }
    throw new ValidationException(
        "INVALID_LAST_EVENT_ID",
        "Last-Event-ID",
        "Last-Event-ID must be an event id from this stream");
  }
}

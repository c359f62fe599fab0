package io.ecrhub.app.notify.api;

import io.ecrhub.app.web.Paging;
import io.ecrhub.domain.shared.ValidationException;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** Query parameters of the notification admin listings. */
final class NotifyPaging {
  static final int DEFAULT = 50;
  static final int MAX = 200;

  private NotifyPaging() {}

  static int limit(String text) {
    return Paging.limit(text, DEFAULT, MAX);
  }

  static String blankToNull(String s) {
    return Paging.cursor(s);
  }

  static Instant instant(String text, String field) {
    String t = blankToNull(text);
    if (t == null) {
      return null;
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException e) {
      throw new ValidationException(
          "INVALID_TIME",
          field,
          field + " must be an ISO-8601 instant such as 2025-08-26T08:00:00Z");
    }
  }

  static <E extends Enum<E>> E enumOf(Class<E> type, String text, String field) {
    String t = blankToNull(text);
    if (t == null) {
      return null;
    }
    try {
      return Enum.valueOf(type, t.toUpperCase(java.util.Locale.ROOT).replace('-', '_'));
    } catch (IllegalArgumentException e) {
      throw new ValidationException(
          "INVALID_" + field.toUpperCase(java.util.Locale.ROOT),
          field,
          field
              + " must be one of "
              + java.util.Arrays.toString(type.getEnumConstants())
                  .toLowerCase(java.util.Locale.ROOT));
    }
  }
}

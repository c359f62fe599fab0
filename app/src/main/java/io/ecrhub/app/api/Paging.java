package io.ecrhub.app.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.shared.ValidationException;

/** Reads {@code ?limit=} within the configured bounds. */
final class Paging {
  private Paging() {}

  static int limit(String text, HubConfig.Api api) {
    if (text == null || text.isBlank()) {
      return api.defaultPageSize();
    }
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > api.maxPageSize()) {
      throw new ValidationException(
          "INVALID_LIMIT", "limit", "limit must be an integer from 1 to " + api.maxPageSize());
    }
    return n;
  }

  static String cursor(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}

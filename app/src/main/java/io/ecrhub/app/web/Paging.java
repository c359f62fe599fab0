package io.ecrhub.app.web;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.domain.shared.ValidationException;

/** Reads the paging query parameters: {@code ?limit=} within bounds and {@code ?cursor=}. */
public final class Paging {
  private Paging() {}

  /** {@code ?limit=} within the configured bounds of the API. */
  public static int limit(String text, HubConfig.Api api) {
    return limit(text, api.defaultPageSize(), api.maxPageSize());
  }

  /** {@code ?limit=}: {@code defaultSize} when absent, else an integer from 1 to {@code max}. */
  public static int limit(String text, int defaultSize, int max) {
    if (text == null || text.isBlank()) {
      return defaultSize;
    }
    int n;
    try {
      n = Integer.parseInt(text.trim());
    } catch (NumberFormatException e) {
      n = -1;
    }
    if (n < 1 || n > max) {
      throw new ValidationException(
          "INVALID_LIMIT", "limit", "limit must be an integer from 1 to " + max);
    }
    return n;
  }

  /** {@code ?cursor=} as passed, or null when absent or blank (the first page). */
  public static String cursor(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}

package io.ecrhub.app.notify.persistence;

import io.ecrhub.domain.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Opaque keyset cursor for newest-first listings: the (time, id) of the last row returned. */
record Cursor(Instant at, String id) {

  String encode() {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(("t|" + at + "|" + id).getBytes(StandardCharsets.UTF_8));
  }

  static Cursor decode(String text) {
    if (text == null) {
      return null;
    }
    try {
      String raw = new String(Base64.getUrlDecoder().decode(text), StandardCharsets.UTF_8);
      String[] p = raw.split("\\|", -1);
      if (text.length() > 300 || p.length != 3 || !p[0].equals("t") || p[2].isEmpty()) {
        throw invalid();
      }
      return new Cursor(Instant.parse(p[1]), p[2]);
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw invalid();
    }
  }

  private static ValidationException invalid() {
    return new ValidationException(
        "INVALID_CURSOR", "cursor", "cursor is not valid; pass the nextCursor of a previous page");
  }
}

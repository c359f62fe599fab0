package io.ecrhub.app.web;

import io.ecrhub.domain.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/**
 * Opaque keyset-pagination cursors, the one form every listing uses: base64url of the sort key of
 * the last row returned. Clients pass them back untouched; anything else is refused with {@code
 * INVALID_CURSOR}.
 */
public final class Cursors {
  private static final String SEP = "|";

  private Cursors() {}

  /** Cursor after the row with this id (listings ordered by id). */
  public static String ofId(String id) {
    return encode("i" + SEP + id);
  }

  /** Cursor after the row with this creation time and id (listings newest first). */
  public static String ofTimeAndId(Instant createdAt, String id) {
    return encode("t" + SEP + createdAt + SEP + id);
  }

  public static String idOf(String cursor) {
    String[] p = decode(cursor, "i", 2);
    return p[1];
  }

  public static TimeAndId timeAndIdOf(String cursor) {
    String[] p = decode(cursor, "t", 3);
    try {
      return new TimeAndId(Instant.parse(p[1]), p[2]);
    } catch (DateTimeParseException e) {
      throw invalid();
    }
  }

  /** The sort key of a newest-first listing: creation time, then id. */
  public record TimeAndId(Instant createdAt, String id) {}

  private static String encode(String raw) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString(raw.getBytes(StandardCharsets.UTF_8));
  }

  private static String[] decode(String cursor, String kind, int parts) {
    if (cursor == null || cursor.length() > 300) {
      throw invalid();
    }
    String raw;
    try {
      raw = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    String[] p = raw.split("\\|", -1);
    if (p.length != parts || !p[0].equals(kind) || p[parts - 1].isEmpty()) {
      throw invalid();
    }
    return p;
  }

  private static ValidationException invalid() {
    return new ValidationException(
        "INVALID_CURSOR", "cursor", "cursor is not valid; pass the nextCursor of a previous page");
  }
}

package io.ecrhub.domain.testing;

import java.time.Instant;

/** A newest-first keyset cursor (time, id) for the in-memory fakes: opaque text to callers. */
record Keyset(Instant at, String id) {

  static Keyset parse(String cursor) {
    int bar = cursor.indexOf('|');
    if (bar < 0) {
      throw new IllegalArgumentException("bad cursor");
    }
    return new Keyset(Instant.parse(cursor.substring(0, bar)), cursor.substring(bar + 1));
  }

  String format() {
    return at + "|" + id;
  }

  /** Whether (otherAt, otherId) comes after this cursor in newest-first order. */
  boolean isFollowedBy(Instant otherAt, String otherId) {
    int c = otherAt.compareTo(at);
    return c < 0 || (c == 0 && otherId.compareTo(id) < 0);
  }
}

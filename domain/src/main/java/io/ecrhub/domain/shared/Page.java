package io.ecrhub.domain.shared;

import java.util.List;

/** One page of a listing plus the cursor for the next one ({@code null} when there is none). */
public record Page<T>(List<T> items, String nextCursor) {
  public Page {
    items = List.copyOf(items);
  }
}

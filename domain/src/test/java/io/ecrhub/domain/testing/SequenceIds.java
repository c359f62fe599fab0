package io.ecrhub.domain.testing;

import io.ecrhub.domain.shared.IdGenerator;
import java.util.concurrent.atomic.AtomicLong;

/** Deterministic {@link IdGenerator}: {@code id1}, {@code id2}, ... (or another prefix). */
public final class SequenceIds implements IdGenerator {
  private final String prefix;
  private final AtomicLong counter = new AtomicLong();

  public SequenceIds() {
    this("id");
  }

  /**
   * @param prefix lowercase letters and digits, short enough to keep ids within 32 characters
   */
  public SequenceIds(String prefix) {
    if (!prefix.matches("[a-z0-9]{0,12}")) {
      throw new IllegalArgumentException("prefix must be 0-12 of a-z, 0-9");
    }
    this.prefix = prefix;
  }

  @Override
  public String next() {
    return prefix + counter.incrementAndGet();
  }

  /** How many ids were handed out. */
  public long issued() {
    return counter.get();
  }
}

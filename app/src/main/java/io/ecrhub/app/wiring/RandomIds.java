package io.ecrhub.app.wiring;

import io.ecrhub.domain.shared.IdGenerator;
import java.security.SecureRandom;

/** Ids of 20 random base-32 characters (100 bits) from a {@link SecureRandom}. */
public final class RandomIds implements IdGenerator {
  private static final char[] ALPHABET = "abcdefghijklmnopqrstuvwxyz234567".toCharArray();
  private final SecureRandom random = new SecureRandom();
  private final int length;

  public RandomIds() {
    this(20);
  }

  public RandomIds(int length) {
    if (length < 1 || length > 32) {
      throw new IllegalArgumentException("length must be 1-32");
    }
    this.length = length;
  }

  @Override
  public String next() {
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      out[i] = ALPHABET[random.nextInt(ALPHABET.length)];
    }
    return new String(out);
  }
}

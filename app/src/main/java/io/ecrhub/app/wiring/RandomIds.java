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

  /**
   * Five random bits per character, from one {@code nextBytes} call per id (a call per character
   * read the platform's random source twenty times per id under one lock).
   */
  @Override
  public String next() {
    byte[] bits = new byte[(length * 5 + 7) / 8];
    random.nextBytes(bits);
    char[] out = new char[length];
    for (int i = 0; i < length; i++) {
      int bit = i * 5;
      int twoBytes =
          ((bits[bit / 8] & 0xff) << 8)
              | (bit / 8 + 1 < bits.length ? bits[bit / 8 + 1] & 0xff : 0);
      out[i] = ALPHABET[(twoBytes >>> (11 - bit % 8)) & 31];
    }
    return new String(out);
  }
}

package io.ecrhub.app.persistence;

import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * A random POS key put in place of one that does not open: it matches no terminal, is never sent
 * (the terminal is loaded as DISABLED) and is not a secret.
 */
final class StandInKey {
  private static final SecureRandom RANDOM = new SecureRandom();

  private StandInKey() {}

  static String random() {
    byte[] b = new byte[16];
    RANDOM.nextBytes(b);
    return HexFormat.of().formatHex(b);
  }
}

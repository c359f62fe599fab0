package io.ecrhub.cloud;

import java.util.Locale;

/** The Open API signature hash (protocol doc §8.1): MD5 by default, SHA-256 on request. */
public enum SignType {
  MD5("MD5"),
  SHA256("SHA-256");

  private final String algorithm;

  SignType(String algorithm) {
    this.algorithm = algorithm;
  }

  /** The JCA name of the digest. */
  String algorithm() {
    return algorithm;
  }

  /** {@code md5} or {@code sha256} (any case, {@code sha-256} too); null means MD5. */
  public static SignType parse(String text) {
    if (text == null || text.isBlank()) {
      return MD5;
    }
    return switch (text.trim().toUpperCase(Locale.ROOT)) {
      case "MD5" -> MD5;
      case "SHA256", "SHA-256" -> SHA256;
      default -> throw new IllegalArgumentException("sign type must be MD5 or SHA256, not " + text);
    };
  }
}

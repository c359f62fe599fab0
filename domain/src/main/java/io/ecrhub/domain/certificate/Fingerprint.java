package io.ecrhub.domain.certificate;

import io.ecrhub.domain.shared.ValidationException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** A certificate fingerprint as uppercase hex without separators (SHA-256: 64 chars, SHA-1: 40). */
public record Fingerprint(String hex) {
  public Fingerprint {
    ValidationException.require(hex != null, "INVALID_FINGERPRINT", "fingerprint", "required");
    hex = hex.replace(":", "").toUpperCase(Locale.ROOT);
    ValidationException.require(
        hex.matches("[0-9A-F]{40}|[0-9A-F]{64}"),
        "INVALID_FINGERPRINT",
        "fingerprint",
        "fingerprint must be 40 or 64 hex digits");
  }

  public static Fingerprint sha256(byte[] der) {
    return new Fingerprint(HexFormat.of().formatHex(digest("SHA-256", der)));
  }

  public static Fingerprint sha1(byte[] der) {
    return new Fingerprint(HexFormat.of().formatHex(digest("SHA-1", der)));
  }

  /** Colon-separated form as OpenSSL and the QFPay guide print it. */
  public String colonSeparated() {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < hex.length(); i += 2) {
      if (i > 0) {
        sb.append(':');
      }
      sb.append(hex, i, i + 2);
    }
    return sb.toString();
  }

  private static byte[] digest(String alg, byte[] data) {
    try {
      return MessageDigest.getInstance(alg).digest(data);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public String toString() {
    return hex;
  }
}

package io.ecrhub.notify.intake;

import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.shared.Secret;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * QFPay's notification signature (protocol doc §7.2): {@code X-QF-SIGN = UPPER(MD5(rawBody ||
 * key))} over the exact request bytes, the key appended as UTF-8. Compared in constant time. A
 * 64-hex header is optionally checked as SHA-256 over the same input (undocumented tolerance).
 *
 * <p>Legacy form (protocol doc §7.2, §12 item 15; QFPay's 2019 PHP sample): {@code UPPER(MD5(
 * k1=v1&k2=v2&... || key))} over the body's fields sorted by name, values unescaped. Checked only
 * as a fallback when the raw-body form does not match (see {@link KeyRing}).
 */
public final class NotificationSignature {
  private static final HexFormat HEX = HexFormat.of().withUpperCase();

  private NotificationSignature() {}

  /** The MD5 signature QFPay would send for {@code body} with {@code key}. */
  public static String sign(byte[] body, NotificationKey key) {
    return md5Hex(body, key.utf8Bytes());
  }

  /** Uppercase hex MD5 of {@code body || key}. */
  public static String md5Hex(byte[] body, byte[] key) {
    return HEX.formatHex(digest("MD5", body, key));
  }

  /** Uppercase hex SHA-256 of {@code body || key}. */
  public static String sha256Hex(byte[] body, byte[] key) {
    return HEX.formatHex(digest("SHA-256", body, key));
  }

  /**
   * Whether {@code header} is the signature of {@code body} under {@code key}. Hex case is ignored;
   * anything but 32 (or, when allowed, 64) hex digits never matches.
   */
  public static boolean matches(
      byte[] body, String header, NotificationKey key, boolean allowSha256) {
    if (header == null) {
      return false;
    }
    String h = header.trim().toUpperCase(Locale.ROOT);
    if (!((h.length() == 32 || h.length() == 64) && upperHex(h))) {
      return false;
    }
    String expected;
    if (h.length() == 32) {
      expected = sign(body, key);
    } else if (allowSha256) {
      expected = sha256Hex(body, key.utf8Bytes());
    } else {
      return false;
    }
    return Secret.constantTimeEquals(
        expected.getBytes(StandardCharsets.US_ASCII), h.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether {@code header} is the legacy signature ({@code MD5(sortedFields || key)}, 32 hex
   * digits, case ignored) of a body whose sorted-field form is {@code legacyForm}; constant-time.
   */
  public static boolean matchesLegacy(byte[] legacyForm, String header, NotificationKey key) {
    if (header == null || legacyForm == null) {
      return false;
    }
    String h = header.trim().toUpperCase(Locale.ROOT);
    if (h.length() != 32 || !upperHex(h)) {
      return false;
    }
    return Secret.constantTimeEquals(
        sign(legacyForm, key).getBytes(StandardCharsets.US_ASCII),
        h.getBytes(StandardCharsets.US_ASCII));
  }

  /**
   * Whether a header can be a signature at all (32 or 64 hex digits, case and surrounding blanks
   * ignored): checked before any digest or parse, so an unsigned or garbage-signed request costs
   * nothing more.
   */
  public static boolean wellFormed(String header) {
    if (header == null) {
      return false;
    }
    String h = header.trim().toUpperCase(Locale.ROOT);
    return (h.length() == 32 || h.length() == 64) && upperHex(h);
  }

  private static boolean upperHex(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (!(c >= '0' && c <= '9' || c >= 'A' && c <= 'F')) {
        return false;
      }
    }
    return true;
  }

  private static byte[] digest(String algorithm, byte[] body, byte[] key) {
    try {
      MessageDigest md = MessageDigest.getInstance(algorithm);
      md.update(body);
      md.update(key);
      return md.digest();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(algorithm + " is part of every JDK", e);
    }
  }
}

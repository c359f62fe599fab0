package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.Secret;
import io.ecrhub.domain.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Locale;

/**
 * The terminal's POS key (shared secret for the MD5 digest and the AES key). Its UTF-8 bytes are
 * the AES key, so it must be 16, 24 or 32 bytes long. {@link #toString()} is masked. QFPay's
 * published default key is refused unless a lab flag allows it.
 */
public final class PosKey {
  /**
   * SHA-256 (hex) of the lower-case default key QFPay published until Aug 2025 (the key of every
   * test vector). Only the digest is kept here: the key itself is a deny-list entry, not something
   * main code needs to know.
   */
  static final String PUBLISHED_DEFAULT_SHA256 =
      "73f635f5639bff4bf4fa7dbfdc77f6c35701b5905cb789d4410ddbd4c9d632c4";

  private static final byte[] PUBLISHED_DEFAULT_DIGEST =
      HexFormat.of().parseHex(PUBLISHED_DEFAULT_SHA256);

  private final String value;

  private PosKey(String value) {
    this.value = value;
  }

  /** A production key: the published default key is refused. */
  public static PosKey of(String value) {
    return of(value, false);
  }

  /**
   * @param allowPublishedDefault true only in lab/demo setups that talk to a simulator
   */
  public static PosKey of(String value, boolean allowPublishedDefault) {
    ValidationException.require(value != null, "INVALID_POS_KEY", "posKey", "POS key is required");
    int len = value.getBytes(StandardCharsets.UTF_8).length;
    ValidationException.require(
        len == 16 || len == 24 || len == 32,
        "INVALID_POS_KEY",
        "posKey",
        "POS key must be 16, 24 or 32 bytes (UTF-8); got " + len);
    ValidationException.require(
        value.chars().noneMatch(Character::isWhitespace),
        "INVALID_POS_KEY",
        "posKey",
        "POS key must not contain white space");
    ValidationException.require(
        allowPublishedDefault || !isPublishedDefault(value),
        "DEFAULT_POS_KEY_REFUSED",
        "posKey",
        "the published default POS key is public knowledge; generate a new key in the Haojin app"
            + " (My > Settings > POS-Key) and import it");
    return new PosKey(value);
  }

  /** The AES key bytes (a fresh copy). */
  public byte[] utf8Bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The secret text, for the digest and for sealing. Never log the result. */
  public String reveal() {
    return value;
  }

  public boolean isPublishedDefault() {
    return isPublishedDefault(value);
  }

  /**
   * Whether the text is the published default key, ignoring ASCII case (hex keys are written both
   * ways): its lower-case form's SHA-256 is compared with the deny-listed digest in constant time.
   */
  private static boolean isPublishedDefault(String candidate) {
    byte[] digest = sha256(candidate.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
    return Secret.constantTimeEquals(digest, PUBLISHED_DEFAULT_DIGEST);
  }

  /** A short non-secret fingerprint usable in logs: first 8 hex chars of SHA-256. */
  public String fingerprint() {
    return HexFormat.of().formatHex(Arrays.copyOf(sha256(utf8Bytes()), 4));
  }

  private static byte[] sha256(byte[] bytes) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(bytes);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PosKey other && Secret.constantTimeEquals(utf8Bytes(), other.utf8Bytes());
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "PosKey[" + Secret.mask(value) + "]";
  }
}

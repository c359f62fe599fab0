package io.ecrhub.app.secrets;

import io.ecrhub.domain.shared.SealedFor;
import io.ecrhub.domain.shared.SecretSealer;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets with AES-256-GCM under the master key. Sealed form: {@code v2:<keyId>:<base64url(
 * nonce(12) | ciphertext | tag(16))>}, the associated data binding the value to its table, column
 * and row ({@link SealedFor}), so a value copied elsewhere fails authentication. The key id picks
 * the master key on opening, so values sealed under an earlier key open until they are re-sealed
 * ({@link #reseal}).
 *
 * <p>Values of the first format ({@code v1:}, a constant associated data, bound to nothing) are
 * refused, except by the one-time {@link #upgrading() upgrade} pass that re-seals them bound to the
 * row they are found in (ADR 0011).
 */
public final class AesGcmSecretSealer implements SecretSealer, Resealer {
  private static final String VERSION = "v2";
  private static final String LEGACY_VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] AAD_PREFIX = "ecrhub-secret-v2".getBytes(StandardCharsets.US_ASCII);
  private static final byte[] LEGACY_AAD = "ecrhub-secret-v1".getBytes(StandardCharsets.US_ASCII);

  private final MasterKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmSecretSealer(MasterKeys keys) {
    this.keys = Objects.requireNonNull(keys);
  }

  @Override
  public String seal(String plaintext, SealedFor purpose) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] aad = aad(Objects.requireNonNull(purpose, "purpose"));
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce, aad);
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return VERSION
          + ":"
          + keys.currentId()
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new SealingException("sealing failed: " + e.getClass().getSimpleName());
    }
  }

  @Override
  public String open(String sealed, SealedFor purpose) {
    Objects.requireNonNull(purpose, "purpose");
    String[] parts = split(sealed);
    if (parts[0].equals(LEGACY_VERSION)) {
      throw new SealingException(
          "the sealed value of "
              + purpose
              + " has the old format without a row binding and was not re-sealed by the start-up"
              + " upgrade; enter the secret again");
    }
    return decrypt(parts, aad(purpose), purpose);
  }

  @Override
  public boolean needsReseal(String sealed) {
    String[] parts = split(sealed);
    return parts[0].equals(LEGACY_VERSION) || !parts[1].equals(keys.currentId());
  }

  /** Re-seals a current-format value under the current key; old-format values are refused. */
  @Override
  public String reseal(String sealed, SealedFor purpose) {
    return needsReseal(sealed) ? seal(open(sealed, purpose), purpose) : sealed;
  }

  /**
   * The one-time upgrade: a resealer that also opens old-format values (bound to nothing) and
   * re-seals them bound to the row they are read from. Used once per database, at start-up, until
   * the upgrade is recorded as done ({@link SealFormat}).
   */
  public Upgrade upgrading() {
    return new Upgrade();
  }

  /** See {@link #upgrading()}; counts old-format values it could not open. */
  public final class Upgrade implements Resealer {
    private final AtomicInteger legacyFailures = new AtomicInteger();

    private Upgrade() {}

    @Override
    public boolean needsReseal(String sealed) {
      return AesGcmSecretSealer.this.needsReseal(sealed);
    }

    @Override
    public String reseal(String sealed, SealedFor purpose) {
      String[] parts = split(sealed);
      if (!parts[0].equals(LEGACY_VERSION)) {
        return AesGcmSecretSealer.this.reseal(sealed, purpose);
      }
      try {
        return seal(decrypt(parts, LEGACY_AAD, purpose), purpose);
      } catch (SealingException e) {
        legacyFailures.incrementAndGet();
        throw e;
      }
    }

    /** Old-format values that did not open (missing earlier master key, corrupt). */
    public int legacyFailures() {
      return legacyFailures.get();
    }
  }

  /** Id of the current master key (non-secret), for health and logs. */
  public String currentKeyId() {
    return keys.currentId();
  }

  public MasterKeys keys() {
    return keys;
  }

  private String decrypt(String[] parts, byte[] aad, SealedFor purpose) {
    SecretKey key =
        keys.byId(parts[1])
            .orElseThrow(
                () ->
                    new SealingException(
                        "secret was sealed under master key "
                            + parts[1]
                            + ", which is not configured (set it in ecrhub.secrets.previous-keys)"));
    byte[] raw;
    try {
      raw = Base64.getUrlDecoder().decode(parts[2]);
    } catch (IllegalArgumentException e) {
      throw new SealingException("sealed secret is corrupt");
    }
    if (raw.length < NONCE_BYTES + TAG_BITS / 8) {
      throw new SealingException("sealed secret is corrupt");
    }
    try {
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, Arrays.copyOf(raw, NONCE_BYTES), aad);
      byte[] plain = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new SealingException(
          "the sealed value of "
              + purpose
              + " failed authentication: it was sealed for another row, column or table, or"
              + " tampered with");
    }
  }

  /**
   * The associated data: a version label, then table, column and row id, each preceded by its
   * length (4 bytes), so no two purposes share an encoding.
   */
  static byte[] aad(SealedFor purpose) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    out.writeBytes(AAD_PREFIX);
    for (String part : new String[] {purpose.table(), purpose.column(), purpose.rowId()}) {
      byte[] b = part.getBytes(StandardCharsets.UTF_8);
      out.writeBytes(ByteBuffer.allocate(4).putInt(b.length).array());
      out.writeBytes(b);
    }
    return out.toByteArray();
  }

  private static String[] split(String sealed) {
    if (sealed == null) {
      throw new SealingException("sealed secret is missing");
    }
    String[] parts = sealed.split(":", -1);
    if (parts.length != 3
        || !(VERSION.equals(parts[0]) || LEGACY_VERSION.equals(parts[0]))
        || parts[1].length() != 8) {
      throw new SealingException("not a sealed secret (expected v2:<keyId>:<data>)");
    }
    return parts;
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce, byte[] aad)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(aad);
    return c;
  }

  @Override
  public String toString() {
    return "AesGcmSecretSealer[" + keys + "]";
  }
}

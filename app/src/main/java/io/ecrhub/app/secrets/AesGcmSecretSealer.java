package io.ecrhub.app.secrets;

import io.ecrhub.domain.shared.SecretSealer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Objects;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals secrets with AES-256-GCM under the master key. Sealed form: {@code v1:<keyId>:<base64url(
 * nonce(12) | ciphertext | tag(16))>}; the key id picks the master key on opening, so values sealed
 * under an earlier key open until they are re-sealed ({@link #reseal}).
 */
public final class AesGcmSecretSealer implements SecretSealer, Resealer {
  private static final String VERSION = "v1";
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final byte[] AAD = "ecrhub-secret-v1".getBytes(StandardCharsets.US_ASCII);

  private final MasterKeys keys;
  private final SecureRandom random = new SecureRandom();

  public AesGcmSecretSealer(MasterKeys keys) {
    this.keys = Objects.requireNonNull(keys);
  }

  @Override
  public String seal(String plaintext) {
    Objects.requireNonNull(plaintext, "plaintext");
    byte[] nonce = new byte[NONCE_BYTES];
    random.nextBytes(nonce);
    try {
      Cipher c = cipher(Cipher.ENCRYPT_MODE, keys.current(), nonce);
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
  public String open(String sealed) {
    String[] parts = split(sealed);
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
      Cipher c = cipher(Cipher.DECRYPT_MODE, key, java.util.Arrays.copyOf(raw, NONCE_BYTES));
      byte[] plain = c.doFinal(raw, NONCE_BYTES, raw.length - NONCE_BYTES);
      return new String(plain, StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new SealingException("sealed secret failed authentication (tampered or wrong key)");
    }
  }

  @Override
  public boolean needsReseal(String sealed) {
    return !split(sealed)[1].equals(keys.currentId());
  }

  @Override
  public String reseal(String sealed) {
    return needsReseal(sealed) ? seal(open(sealed)) : sealed;
  }

  /** Id of the current master key (non-secret), for health and logs. */
  public String currentKeyId() {
    return keys.currentId();
  }

  public MasterKeys keys() {
    return keys;
  }

  private static String[] split(String sealed) {
    if (sealed == null) {
      throw new SealingException("sealed secret is missing");
    }
    String[] parts = sealed.split(":", -1);
    if (parts.length != 3 || !VERSION.equals(parts[0]) || parts[1].length() != 8) {
      throw new SealingException("not a sealed secret (expected v1:<keyId>:<data>)");
    }
    return parts;
  }

  private static Cipher cipher(int mode, SecretKey key, byte[] nonce)
      throws GeneralSecurityException {
    Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
    c.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
    c.updateAAD(AAD);
    return c;
  }

  @Override
  public String toString() {
    return "AesGcmSecretSealer[" + keys + "]";
  }
}

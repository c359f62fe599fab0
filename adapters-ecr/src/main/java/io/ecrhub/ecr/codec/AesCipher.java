package io.ecrhub.ecr.codec;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * AES-CBC/PKCS5 with the POS key's UTF-8 bytes as key (16/24/32 bytes: AES-128/192/256) and the
 * fixed IV {@code qfpay202306_hjsh}; Base64 standard alphabet with padding, no line breaks.
 */
public final class AesCipher {
  /** The fixed IV of the ECR protocol. */
  public static final byte[] IV = "qfpay202306_hjsh".getBytes(StandardCharsets.US_ASCII);

  private AesCipher() {}

  public static String encryptToBase64(String plaintext, byte[] key) throws EcrCodecException {
    try {
      return Base64.getEncoder()
          .encodeToString(
              cipher(Cipher.ENCRYPT_MODE, key).doFinal(plaintext.getBytes(StandardCharsets.UTF_8)));
    } catch (GeneralSecurityException e) {
      throw new EcrCodecException(
          EcrCodecException.Kind.BAD_KEY, "AES encryption failed: " + e.getMessage());
    }
  }

  public static String decryptFromBase64(String base64, byte[] key) throws EcrCodecException {
    byte[] cipherText;
    try {
      cipherText = Base64.getDecoder().decode(base64.trim());
    } catch (IllegalArgumentException e) {
      throw new EcrCodecException(
          EcrCodecException.Kind.UNDECRYPTABLE, "not valid Base64: " + e.getMessage());
    }
    if (cipherText.length == 0 || cipherText.length % 16 != 0) {
      throw new EcrCodecException(
          EcrCodecException.Kind.UNDECRYPTABLE,
          "ciphertext length "
              + cipherText.length
              + " is not a positive multiple of the AES block size");
    }
    byte[] plain;
    try {
      plain = cipher(Cipher.DECRYPT_MODE, key).doFinal(cipherText);
    } catch (GeneralSecurityException e) {
      throw new EcrCodecException(
          EcrCodecException.Kind.UNDECRYPTABLE,
          "AES decryption failed (wrong key or corrupt data)");
    }
    try {
      // strict: a wrong key that happens to yield valid padding gives bytes that are not UTF-8
      return StandardCharsets.UTF_8
          .newDecoder()
          .onMalformedInput(CodingErrorAction.REPORT)
          .onUnmappableCharacter(CodingErrorAction.REPORT)
          .decode(ByteBuffer.wrap(plain))
          .toString();
    } catch (CharacterCodingException e) {
      throw new EcrCodecException(
          EcrCodecException.Kind.UNDECRYPTABLE,
          "AES decryption gave no UTF-8 text (wrong key or corrupt data)");
    }
  }

  private static Cipher cipher(int mode, byte[] key)
      throws GeneralSecurityException, EcrCodecException {
    if (key == null || (key.length != 16 && key.length != 24 && key.length != 32)) {
      throw new EcrCodecException(
          EcrCodecException.Kind.BAD_KEY,
          "POS key must be 16, 24 or 32 bytes; got " + (key == null ? 0 : key.length));
    }
    Cipher c = Cipher.getInstance("AES/CBC/PKCS5Padding");
    c.init(mode, new SecretKeySpec(key, "AES"), new IvParameterSpec(IV));
    return c;
  }
}

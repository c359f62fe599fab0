package io.ecrhub.app.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * The current master key plus earlier ones still accepted for opening (rotation). Each key has a
 * short id (first 8 hex digits of the SHA-256 of the key) recorded in every sealed value, so the
 * right key is found without trial decryption. {@link #toString()} never shows key material.
 */
public final class MasterKeys {
  /** AES-256: the master key is exactly 32 bytes. */
  public static final int KEY_BYTES = 32;

  private final String currentId;
  private final Map<String, SecretKey> byId;

  private MasterKeys(String currentId, Map<String, SecretKey> byId) {
    this.currentId = currentId;
    this.byId = Map.copyOf(byId);
  }

  /**
   * Parses base64 keys; fails with a one-line reason naming the setting when one is malformed.
   *
   * @param current base64 of 32 bytes
   * @param previous earlier keys (base64), may be empty
   */
  public static MasterKeys parse(String current, List<String> previous) {
    Map<String, SecretKey> keys = new LinkedHashMap<>();
    byte[] cur = decode(current, "ecrhub.secrets.master-key");
    String curId = keyId(cur);
    keys.put(curId, new SecretKeySpec(cur, "AES"));
    for (String p : previous) {
      byte[] raw = decode(p, "ecrhub.secrets.previous-keys");
      keys.putIfAbsent(keyId(raw), new SecretKeySpec(raw, "AES"));
    }
    return new MasterKeys(curId, keys);
  }

  private static byte[] decode(String base64, String setting) {
    if (base64 == null || base64.isBlank()) {
      throw new MasterKeyException(setting + " is empty; it must be base64 of 32 random bytes");
    }
    byte[] raw;
    try {
      raw = Base64.getDecoder().decode(base64.trim().getBytes(StandardCharsets.US_ASCII));
    } catch (IllegalArgumentException e) {
      throw new MasterKeyException(
          setting + " is not valid base64; generate a key with: openssl rand -base64 32");
    }
    if (raw.length != KEY_BYTES) {
      throw new MasterKeyException(
          setting
              + " must be base64 of 32 random bytes, got "
              + raw.length
              + " bytes; generate one with: openssl rand -base64 32");
    }
    return raw;
  }

  static String keyId(byte[] key) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(key);
      return HexFormat.of().formatHex(d, 0, 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Id of the key new secrets are sealed with. */
  public String currentId() {
    return currentId;
  }

  SecretKey current() {
    return byId.get(currentId);
  }

  Optional<SecretKey> byId(String id) {
    return Optional.ofNullable(byId.get(id));
  }

  /** Ids of the earlier keys still accepted. */
  public List<String> previousIds() {
    List<String> ids = new ArrayList<>(byId.keySet());
    ids.remove(currentId);
    return ids;
  }

  @Override
  public String toString() {
    return "MasterKeys[current=" + currentId + ", previous=" + previousIds() + "]";
  }
}

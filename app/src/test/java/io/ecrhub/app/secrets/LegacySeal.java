package io.ecrhub.app.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;

/**
 * Seals as the hub did before ADR 0011 ({@code v1:}, the constant associated data {@code
 * ecrhub-secret-v1}, bound to nothing), to put rows "from before the change" into a database.
 */
public final class LegacySeal {
  private LegacySeal() {}

  /** {@code plaintext} sealed in the old format under the base64 master key. */
  public static String seal(String masterKeyBase64, String plaintext) {
    MasterKeys keys = MasterKeys.parse(masterKeyBase64, List.of());
    byte[] nonce = new byte[12];
    new SecureRandom().nextBytes(nonce);
    try {
      Cipher c = Cipher.getInstance("AES/GCM/NoPadding");
      c.init(Cipher.ENCRYPT_MODE, keys.current(), new GCMParameterSpec(128, nonce));
      c.updateAAD("ecrhub-secret-v1".getBytes(StandardCharsets.US_ASCII));
      byte[] sealed = c.doFinal(plaintext.getBytes(StandardCharsets.UTF_8));
      byte[] out = ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
      return "v1:"
          + keys.currentId()
          + ":"
          + Base64.getUrlEncoder().withoutPadding().encodeToString(out);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }
}

package io.ecrhub.notify.delivery;

import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.ValidationException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Standard Webhooks signing: {@code webhook-signature = v1,base64(HMAC-SHA256(key, id + "." +
 * timestamp + "." + body))} where the key is the base64 part of a {@code whsec_…} secret; during a
 * secret rotation's overlap one such signature per secret, separated by spaces.
 */
public final class StandardWebhookSigner {
  public static final String ID = "webhook-id";
  public static final String TIMESTAMP = "webhook-timestamp";
  public static final String SIGNATURE = "webhook-signature";
  private static final String PREFIX = "whsec_";

  private StandardWebhookSigner() {}

  /** The {@code webhook-signature} header value. */
  public static String sign(
      String msgId, long timestampSeconds, byte[] body, WebhookSecret secret) {
    byte[] key = keyBytes(secret);
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      mac.update((msgId + "." + timestampSeconds + ".").getBytes(StandardCharsets.UTF_8));
      mac.update(body);
      return "v1," + Base64.getEncoder().encodeToString(mac.doFinal());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
    }
  }

  /**
   * The {@code webhook-signature} header value under several secrets (during a rotation's overlap):
   * one {@code v1,…} signature per secret, separated by spaces, as Standard Webhooks allows.
   */
  public static String signAll(
      String msgId, long timestampSeconds, byte[] body, List<WebhookSecret> secrets) {
    if (secrets.isEmpty()) {
      throw new IllegalArgumentException("at least one secret signs");
    }
    return secrets.stream()
        .map(s -> sign(msgId, timestampSeconds, body, s))
        .collect(Collectors.joining(" "));
  }

  /** Refuses a secret that is not {@code whsec_} + base64 of 24-64 bytes. */
  public static byte[] keyBytes(WebhookSecret secret) {
    String text = secret.reveal();
    String b64 = text.startsWith(PREFIX) ? text.substring(PREFIX.length()) : text;
    byte[] key;
    try {
      key = Base64.getDecoder().decode(b64);
    } catch (IllegalArgumentException e) {
      throw invalid();
    }
    if (key.length < 24 || key.length > 64) {
      throw invalid();
    }
    return key;
  }

  /** A fresh random secret ({@code whsec_} + base64 of 32 bytes). */
  public static WebhookSecret generate(SecureRandom random) {
    byte[] key = new byte[32];
    random.nextBytes(key);
    return WebhookSecret.of(PREFIX + Base64.getEncoder().encodeToString(key));
  }

  private static ValidationException invalid() {
    return new ValidationException(
        "INVALID_SECRET",
        "secret",
        "a hub-events secret must be whsec_ followed by base64 of 24-64 bytes (omit it to have one"
            + " generated)");
  }
}

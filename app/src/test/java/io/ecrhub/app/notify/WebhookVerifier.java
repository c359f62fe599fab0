package io.ecrhub.app.notify;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/** Verifies an ECR Hub webhook (Standard Webhooks, HMAC-SHA256), with the JDK only. */
public final class WebhookVerifier {
  private static final Duration TOLERANCE = Duration.ofMinutes(5);
  private final byte[] key;

  /** {@code secret} is the subscription's secret as the hub showed it: {@code whsec_…}. */
  public WebhookVerifier(String secret) {
    String b64 = secret.startsWith("whsec_") ? secret.substring("whsec_".length()) : secret;
    this.key = Base64.getDecoder().decode(b64);
  }

  /**
   * Whether a delivery is genuine: one of the {@code v1,} signatures in {@code webhook-signature}
   * (there are two while the hub rotates the secret) is the HMAC of {@code id.timestamp.body}, and
   * the timestamp is within five minutes of {@code now} (a replayed old delivery fails).
   *
   * @param body the request body exactly as received (bytes, before any JSON parsing)
   */
  public boolean verify(
      String webhookId, String webhookTimestamp, String webhookSignature, byte[] body, Instant now)
      throws GeneralSecurityException {
    long timestamp;
    try {
      timestamp = Long.parseLong(webhookTimestamp);
    } catch (NumberFormatException e) {
      return false;
    }
    if (Duration.between(Instant.ofEpochSecond(timestamp), now).abs().compareTo(TOLERANCE) > 0) {
      return false;
    }
    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(key, "HmacSHA256"));
    mac.update((webhookId + "." + webhookTimestamp + ".").getBytes(StandardCharsets.UTF_8));
    byte[] expected = mac.doFinal(body);
    for (String signature : webhookSignature.split(" ")) {
      if (signature.startsWith("v1,")) {
        byte[] given;
        try {
          given = Base64.getDecoder().decode(signature.substring(3));
        } catch (IllegalArgumentException e) {
          continue;
        }
        if (MessageDigest.isEqual(expected, given)) {
          return true;
        }
      }
    }
    return false;
  }
}

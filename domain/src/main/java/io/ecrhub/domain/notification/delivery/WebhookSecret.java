package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.Secret;
import java.nio.charset.StandardCharsets;

/**
 * A subscriber's signing secret: the "notification key" the consumer checks (QFPay format) or a
 * Standard Webhooks secret ({@code whsec_} + base64). Masked in {@link #toString()}.
 */
public final class WebhookSecret {
  private final String value;

  private WebhookSecret(String value) {
    this.value = value;
  }

  public static WebhookSecret of(String value) {
    return new WebhookSecret(
        Secret.requireSigningText(value, "INVALID_SECRET", "secret", "secret"));
  }

  public byte[] utf8Bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The secret text, for sealing and signing only. Never log it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof WebhookSecret k && Secret.constantTimeEquals(utf8Bytes(), k.utf8Bytes());
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "WebhookSecret[" + Secret.mask(value) + "]";
  }
}

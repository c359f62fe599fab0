package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.Secret;
import java.nio.charset.StandardCharsets;

/** The key QFPay signs notifications with ("client_key" / Odoo's "Notification Key"). Masked. */
public final class NotificationKey {
  private final String value;

  private NotificationKey(String value) {
    this.value = value;
  }

  public static NotificationKey of(String value) {
    return new NotificationKey(
        Secret.requireSigningText(value, "INVALID_NOTIFICATION_KEY", "key", "notification key"));
  }

  public byte[] utf8Bytes() {
    return value.getBytes(StandardCharsets.UTF_8);
  }

  /** The secret text, for sealing only. Never log it. */
  public String reveal() {
    return value;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NotificationKey k && Secret.constantTimeEquals(utf8Bytes(), k.utf8Bytes());
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "NotificationKey[" + Secret.mask(value) + "]";
  }
}

package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.Secret;
import io.ecrhub.domain.shared.ValidationException;
import java.nio.charset.StandardCharsets;

/** The key QFPay signs notifications with ("client_key" / Odoo's "Notification Key"). Masked. */
public final class NotificationKey {
  private final String value;

  private NotificationKey(String value) {
    this.value = value;
  }

  public static NotificationKey of(String value) {
    ValidationException.require(
        value != null && value.length() >= 8 && value.length() <= 256,
        "INVALID_NOTIFICATION_KEY",
        "key",
        "notification key must be 8-256 characters");
    ValidationException.require(
        value.chars().noneMatch(Character::isWhitespace),
        "INVALID_NOTIFICATION_KEY",
        "key",
        "notification key must not contain white space");
    return new NotificationKey(value);
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

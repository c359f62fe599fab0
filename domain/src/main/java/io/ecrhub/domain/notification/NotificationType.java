package io.ecrhub.domain.notification;

import java.util.Locale;
import java.util.Optional;

/**
 * Normalised notification type: QFPay sends {@code payment}, {@code refund} or {@code cancel}
 * (refund), {@code unfreeze}.
 */
public enum NotificationType {
  PAYMENT,
  REFUND,
  PREAUTH_RELEASE;

  /**
   * Normalises {@code notify_type}; {@code cancel} is a refund (Odoo's test data), {@code unfreeze}
   * a preauth release.
   */
  public static Optional<NotificationType> fromWire(String notifyType) {
    if (notifyType == null) {
      return Optional.empty();
    }
    return switch (notifyType.trim().toLowerCase(Locale.ROOT)) {
      case "payment" -> Optional.of(PAYMENT);
      case "refund", "cancel" -> Optional.of(REFUND);
      case "unfreeze" -> Optional.of(PREAUTH_RELEASE);
      default -> Optional.empty();
    };
  }
}

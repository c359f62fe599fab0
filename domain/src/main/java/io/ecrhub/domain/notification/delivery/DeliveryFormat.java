package io.ecrhub.domain.notification.delivery;

import io.ecrhub.domain.shared.ValidationException;
import java.util.Locale;

/** How a subscription receives its messages. */
public enum DeliveryFormat {
  /**
   * The QFPay notification body exactly as QFPay sent it, re-signed with the subscriber's key in
   * {@code X-QF-SIGN}: an Odoo {@code /qfpay/notify} endpoint works unchanged behind the hub.
   */
  QFPAY("qfpay"),
  /** The hub's event JSON, signed per Standard Webhooks (HMAC-SHA256). */
  HUB_EVENTS("hub-events");

  private final String wire;

  DeliveryFormat(String wire) {
    this.wire = wire;
  }

  public String wire() {
    return wire;
  }

  /** Parses {@code qfpay} or {@code hub-events} with a clear error. */
  public static DeliveryFormat fromWire(String text) {
    if (text != null) {
      String t = text.trim().toLowerCase(Locale.ROOT);
      for (DeliveryFormat f : values()) {
        if (f.wire.equals(t)) {
          return f;
        }
      }
    }
    throw new ValidationException(
        "INVALID_FORMAT", "format", "format must be one of qfpay, hub-events");
  }
}

package io.ecrhub.notify.delivery;

import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.notify.intake.NotificationSignature;

/**
 * Re-signs a QFPay notification body for a downstream consumer that verifies it like QFPay's own
 * (Odoo's {@code /qfpay/notify}: {@code md5(raw_body + key.encode()).hexdigest().upper()}). The
 * body bytes are forwarded untouched; only the key differs.
 */
public final class QfpayResigner {
  public static final String HEADER = "X-QF-SIGN";

  private QfpayResigner() {}

  /** The {@code X-QF-SIGN} value for {@code body} under the subscriber's key. */
  public static String sign(byte[] body, WebhookSecret subscriberKey) {
    return NotificationSignature.md5Hex(body, subscriberKey.utf8Bytes());
  }
}

package io.ecrhub.domain.diagnostics;

import java.time.Instant;

/**
 * What the hub knows about QFPay notifications for a terminal.
 *
 * @param keyConfigured a notification key is configured (so notifications can be verified)
 * @param notificationUrl the URL QFPay should call ({@code <public base>/qfpay/notify}), or null
 *     when the hub's public URL is not configured
 * @param lastVerifiedAt when the newest notification with a valid signature about one of this
 *     terminal's payments (or refunds) arrived, or null
 * @param lastPaymentAt when the newest payment that succeeded on this terminal was taken, or null
 *     (so a missing notification after a payment can be told from no payments at all)
 */
public record NotificationFacts(
    boolean keyConfigured, String notificationUrl, Instant lastVerifiedAt, Instant lastPaymentAt) {

  /** Facts without payment history. */
  public NotificationFacts(boolean keyConfigured, String notificationUrl, Instant lastVerifiedAt) {
    this(keyConfigured, notificationUrl, lastVerifiedAt, null);
  }

  /** The path of the hub's QFPay notification endpoint, to append to its public base URL. */
  public static final String NOTIFY_PATH = "/qfpay/notify";
}

package io.ecrhub.domain.cloud;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * Why QFPay refused a request without doing anything (protocol doc §8.4): the Open API codes the
 * hub turns into clear answers, apart from the vendor codes they come from.
 */
public enum RefusalReason {
  /** {@code 1265}: no refunds between 23:30 and 00:30 Hong Kong time. */
  REFUND_WINDOW_CLOSED("1265"),
  /** {@code 1269}: the merchant's same-day balance does not cover the refund. */
  INSUFFICIENT_BALANCE("1269"),
  /** {@code 1270}: this payment cannot be refunded partially. */
  PARTIAL_REFUND_NOT_ALLOWED("1270"),
  /** {@code 1271}: partial refunds not supported for this channel. */
  PARTIAL_REFUND_NOT_SUPPORTED("1271"),
  /** {@code 1272}: the refund exceeds what is left to refund. */
  EXCEEDS_REFUNDABLE("1272"),
  /** {@code 1136}: QFPay has no such transaction. */
  NO_SUCH_TRANSACTION("1136"),
  /** {@code 1106}: the ECR cloud device id is not bound to a terminal. */
  DEVICE_NOT_BOUND("1106");

  /** Refunds close at 23:30 and reopen at 00:30, Hong Kong time. */
  public static final LocalTime WINDOW_REOPENS = LocalTime.of(0, 30);

  private final String respcd;

  RefusalReason(String respcd) {
    this.respcd = respcd;
  }

  /** The Open API status code. */
  public String respcd() {
    return respcd;
  }

  /** The reason for a status code, or empty when the code is not a typed refusal. */
  public static Optional<RefusalReason> ofRespcd(String respcd) {
    for (RefusalReason r : values()) {
      if (r.respcd.equals(respcd)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /**
   * QFPay's business day runs on Hong Kong time (the same zone as the hub's same-day refund rule,
   * {@code transaction.RefundPolicy}; not imported from there so the cloud port stays below the
   * transaction package).
   */
  private static final ZoneId QFPAY_DAY = ZoneId.of("Asia/Hong_Kong");

  /** The next 00:30 Hong Kong time after {@code refusedAt}: when refunds are taken again. */
  public static Instant windowReopensAfter(Instant refusedAt) {
    ZonedDateTime at = refusedAt.atZone(QFPAY_DAY);
    ZonedDateTime today = at.toLocalDate().atTime(WINDOW_REOPENS).atZone(QFPAY_DAY);
    return (at.isBefore(today) ? today : today.plusDays(1)).toInstant();
  }
}

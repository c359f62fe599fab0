package io.ecrhub.domain.transaction;

import io.ecrhub.domain.cloud.RefusalReason;
import io.ecrhub.domain.shared.DomainException;
import java.time.Instant;
import java.util.Optional;

/**
 * QFPay's cloud refused a refund and nothing moved (the refund is recorded DECLINED with QFPay's
 * code). The code is the hub's own, apart from QFPay's: {@code REFUND_WINDOW_CLOSED} (1265, with
 * when refunds reopen), {@code REFUND_INSUFFICIENT_BALANCE} (1269), {@code
 * PARTIAL_REFUND_NOT_ALLOWED} (1270/1271), {@code REFUND_EXCEEDS_REFUNDABLE} (1272), {@code
 * NOT_IN_CLOUD} (1136), {@code CLOUD_REFUND_DECLINED} (any other code).
 */
public final class CloudRefundRefusedException extends DomainException {
  private static final long serialVersionUID = 1L;

  /** 1265: no refunds between 23:30 and 00:30 Hong Kong time. */
  static final String WINDOW_CLOSED = "REFUND_WINDOW_CLOSED";

  /** 1269: the merchant's same-day balance does not cover the refund. */
  static final String INSUFFICIENT_BALANCE = "REFUND_INSUFFICIENT_BALANCE";

  /** 1270/1271: no partial refund of this payment. */
  static final String PARTIAL_NOT_ALLOWED = "PARTIAL_REFUND_NOT_ALLOWED";

  /** 1272: more than is left to refund (the hub's own code for the same rule). */
  static final String EXCEEDS_REFUNDABLE = "REFUND_EXCEEDS_REFUNDABLE";

  /** 1136: QFPay has no such transaction. */
  static final String NOT_IN_CLOUD = "NOT_IN_CLOUD";

  /** Any other code QFPay refused the refund with. */
  static final String DECLINED = "CLOUD_REFUND_DECLINED";

  private final transient Instant reopensAt;
  private final String refundId;

  CloudRefundRefusedException(String code, String message, Instant reopensAt, String refundId) {
    super(code, code.equals(EXCEEDS_REFUNDABLE) ? "amount" : null, message);
    this.reopensAt = reopensAt;
    this.refundId = refundId;
  }

  /** The hub's code for a typed refusal. */
  static String codeOf(RefusalReason reason) {
    return switch (reason) {
      case REFUND_WINDOW_CLOSED -> WINDOW_CLOSED;
      case INSUFFICIENT_BALANCE -> CloudRefundRefusedException.INSUFFICIENT_BALANCE;
      case PARTIAL_REFUND_NOT_ALLOWED, PARTIAL_REFUND_NOT_SUPPORTED -> PARTIAL_NOT_ALLOWED;
      case EXCEEDS_REFUNDABLE -> CloudRefundRefusedException.EXCEEDS_REFUNDABLE;
      case NO_SUCH_TRANSACTION -> CloudRefundRefusedException.NOT_IN_CLOUD;
      case DEVICE_NOT_BOUND -> DECLINED;
    };
  }

  /** For {@code REFUND_WINDOW_CLOSED}: when QFPay takes refunds again. */
  public Optional<Instant> reopensAt() {
    return Optional.ofNullable(reopensAt);
  }

  /** The refund the hub recorded (DECLINED) for the refused request. */
  public String refundId() {
    return refundId;
  }
}

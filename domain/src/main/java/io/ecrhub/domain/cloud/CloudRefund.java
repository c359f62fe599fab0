package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import java.time.Instant;
import java.util.Objects;

/**
 * A refund through QFPay's cloud ({@code /trade/v1/refund}).
 *
 * @param originalSyssn the payment's syssn
 * @param outTradeNo a new, unique reference for this refund (never the payment's)
 * @param amount positive; sent as integer cents
 * @param requestedAt sent as {@code txdtm}
 */
public record CloudRefund(
    String originalSyssn, String outTradeNo, Money amount, Instant requestedAt) {
  public CloudRefund {
    ValidationException.require(
        originalSyssn != null && !originalSyssn.isBlank(),
        "INVALID_CLOUD_REFUND",
        "syssn",
        "the payment's syssn is required");
    ValidationException.require(
        outTradeNo != null && !outTradeNo.isBlank(),
        "INVALID_CLOUD_REFUND",
        "outTradeNo",
        "a refund needs its own out_trade_no");
    Objects.requireNonNull(amount, "amount");
    ValidationException.require(
        amount.isPositive(), "INVALID_AMOUNT", "amount", "refund amount must be positive");
    Objects.requireNonNull(requestedAt, "requestedAt");
  }
}

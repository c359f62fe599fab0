package io.ecrhub.domain.cloud;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.ValidationException;
import java.util.Currency;
import java.util.Objects;

/**
 * A question to QFPay's cloud about one transaction: by {@code out_trade_no}, by {@code syssn}, or
 * both. {@code expected} (optional) is the amount the hub recorded: a different amount answers
 * {@link CloudOutcome.Mismatch}.
 */
public record CloudQuery(String outTradeNo, String syssn, Currency currency, Money expected) {
  public CloudQuery {
    ValidationException.require(
        notBlank(outTradeNo) || notBlank(syssn),
        "INVALID_CLOUD_QUERY",
        "outTradeNo",
        "a cloud query needs out_trade_no or syssn");
    Objects.requireNonNull(currency, "currency");
    ValidationException.require(
        expected == null || expected.currency().equals(currency),
        "CURRENCY_MISMATCH",
        "expected",
        "expected amount must be in " + currency);
  }

  /** By the hub's reference; the record must carry {@code expected}. */
  public static CloudQuery byOutTradeNo(String outTradeNo, Money expected) {
    return new CloudQuery(outTradeNo, null, expected.currency(), expected);
  }

  /** By QFPay's number; the record must carry {@code expected}. */
  public static CloudQuery bySyssn(String syssn, Money expected) {
    return new CloudQuery(null, syssn, expected.currency(), expected);
  }

  private static boolean notBlank(String s) {
    return s != null && !s.isBlank();
  }
}

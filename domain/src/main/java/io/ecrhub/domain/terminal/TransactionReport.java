package io.ecrhub.domain.terminal;

import java.util.Map;
import java.util.Optional;

/**
 * What a terminal reported about a transaction in a response's {@code data} (protocol doc §6.3).
 * Amounts stay as the raw text the terminal sent, because their unit is undocumented; the
 * transaction use cases interpret them against the amount they asked for.
 *
 * @param syssn QFPay transaction id ({@code syssn}), or null
 * @param outTradeNo echo of the merchant reference, or null
 * @param originalSyssn {@code orig_syssn}/{@code origssn} for refunds, or null
 * @param tradeType {@code payment} or {@code refund} when the terminal says (query), or null
 * @param statusCode transaction status code inside data ({@code 0000} success, {@code 1143}/ {@code
 *     1145} pending), or null
 * @param amountText raw {@code txamt}, or null
 * @param currency {@code txcurrcd}, or null
 * @param cardScheme VISA, MASTERCARD, UNIONPAY, AMEX, or null
 * @param maskedCardNumber e.g. {@code 520000******1096}, or null (never a full PAN: adapters mask)
 * @param refundableAmountText raw {@code allow_refund_amt}, or null
 * @param fields every other field (non-secret), for support and diagnostics
 */
public record TransactionReport(
    String syssn,
    String outTradeNo,
    String originalSyssn,
    String tradeType,
    String statusCode,
    String amountText,
    String currency,
    String cardScheme,
    String maskedCardNumber,
    String refundableAmountText,
    Map<String, String> fields) {

  public static final TransactionReport EMPTY =
      new TransactionReport(null, null, null, null, null, null, null, null, null, null, Map.of());

  public TransactionReport {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  public Optional<String> syssnOpt() {
    return Optional.ofNullable(syssn).filter(s -> !s.isBlank());
  }

  /**
   * True when the status code says the transaction succeeded ({@code 0000}) or none was given. The
   * transaction use cases read it only after the answer was bound to its request (ADR 0007): a
   * missing status is accepted only from an authenticated peer, and then asks for confirmation.
   */
  public boolean statusSucceeded() {
    return statusCode == null || statusCode.isBlank() || "0000".equals(statusCode);
  }

  /** True when the status code says the transaction is still being processed. */
  public boolean statusPending() {
    return "1143".equals(statusCode) || "1145".equals(statusCode) || "1298".equals(statusCode);
  }

  /** True for a refund record as reported by a query. */
  public boolean isRefund() {
    return "refund".equalsIgnoreCase(tradeType);
  }
}

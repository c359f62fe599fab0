package io.ecrhub.domain.notification;

import io.ecrhub.domain.shared.Money;
import java.util.Map;
import java.util.Optional;

/**
 * The business content of one QFPay notification (protocol doc §7.4), parsed tolerantly. Amounts
 * arrive in cents.
 *
 * @param amount {@code txamt} (cents) in {@code txcurrcd}
 * @param fields every field as text, for audit and re-delivery
 */
public record QfpayNotification(
    NotificationType type,
    String syssn,
    String outTradeNo,
    String originalSyssn,
    String originalOutTradeNo,
    Money amount,
    String payType,
    String status,
    String respcd,
    Map<String, String> fields) {

  public QfpayNotification {
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  /** Deduplication identity: (normalised type, syssn). */
  public String dedupeKey() {
    return type.name() + ":" + syssn;
  }

  public Optional<String> originalOutTradeNoOpt() {
    return Optional.ofNullable(originalOutTradeNo).filter(s -> !s.isBlank());
  }

  public Optional<String> originalSyssnOpt() {
    return Optional.ofNullable(originalSyssn).filter(s -> !s.isBlank());
  }

  /** The raw text of one body field, if present. */
  public Optional<String> field(String name) {
    return Optional.ofNullable(fields.get(name));
  }

  /**
   * Whether the body named its currency ({@code txcurrcd}); when not, {@link #amount()} carries the
   * parser's default currency and only its minor units are meaningful.
   */
  public boolean currencyStated() {
    return field("txcurrcd").filter(s -> !s.isBlank()).isPresent();
  }

  /**
   * Whether the body reports a success: {@code status} absent or {@code 1}, and {@code respcd}
   * absent or {@code 0000}. QFPay sends notifications only for successes; anything else is never
   * applied.
   */
  public boolean reportsSuccess() {
    boolean statusOk = status == null || status.isBlank() || "1".equals(status.trim());
    boolean respcdOk = respcd == null || respcd.isBlank() || "0000".equals(respcd.trim());
    return statusOk && respcdOk;
  }

  /**
   * The merchant trade number this notification is about: {@code out_trade_no} of a payment, {@code
   * orig_out_trade_no} of a refund (null when absent).
   */
  public String tradeRef() {
    return type == NotificationType.PAYMENT
        ? blankToNull(outTradeNo)
        : blankToNull(originalOutTradeNo);
  }

  /**
   * The QFPay transaction this notification is about: its own {@code syssn} for a payment, {@code
   * orig_syssn} of a refund (null when absent).
   */
  public String syssnRef() {
    return type == NotificationType.PAYMENT ? blankToNull(syssn) : blankToNull(originalSyssn);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}

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
}

package io.ecrhub.domain.settlement;

import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.transaction.TransactionStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One payment or refund as the hub recorded it, in the terms the statement compares.
 *
 * @param id the payment or refund id
 * @param outTradeNo the payment's out_trade_no (refunds: null, QFPay knows them by syssn)
 * @param syssn QFPay's transaction number when the hub knows it, else null
 * @param createdAt when the hub recorded it (which day it belongs to)
 */
public record HubEntry(
    Kind kind,
    String id,
    String terminalId,
    String outTradeNo,
    String syssn,
    Money amount,
    TransactionStatus status,
    Instant createdAt) {

  /** Payment or refund. */
  public enum Kind {
    PAYMENT,
    REFUND
  }

  public HubEntry {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(amount, "amount");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(createdAt, "createdAt");
  }

  /** Money moved: the hub settled it SUCCEEDED. */
  public boolean settled() {
    return status == TransactionStatus.SUCCEEDED;
  }
}

package io.ecrhub.domain.cloud;

import java.time.Instant;
import java.util.Objects;

/**
 * One transaction of QFPay's statement for a time window, with the time QFPay recorded it ({@code
 * sysdtm}, else {@code txdtm}).
 */
public record CloudStatementEntry(CloudRecord record, Instant at) {
  /** The longest syssn or out_trade_no taken (QFPay's {@code String(128)}, §8.3). */
  public static final int MAX_REFERENCE = 128;

  /** The longest status code taken (QFPay's are four digits). */
  public static final int MAX_RESPCD = 8;

  /**
   * @throws IllegalArgumentException when a reference or the status code is longer than QFPay's
   */
  public CloudStatementEntry {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(at, "at");
    if (record.syssn().length() > MAX_REFERENCE
        || (record.outTradeNo() != null && record.outTradeNo().length() > MAX_REFERENCE)
        || record.respcd().length() > MAX_RESPCD) {
      throw new IllegalArgumentException("a reference or status code longer than QFPay's");
    }
  }
}

package io.ecrhub.domain.cloud;

import java.time.Instant;
import java.util.Objects;

/**
 * One transaction of QFPay's statement for a time window, with the time QFPay recorded it ({@code
 * sysdtm}, else {@code txdtm}).
 */
public record CloudStatementEntry(CloudRecord record, Instant at) {
  public CloudStatementEntry {
    Objects.requireNonNull(record, "record");
    Objects.requireNonNull(at, "at");
  }
}

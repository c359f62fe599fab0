package io.ecrhub.domain.settlement;

import java.time.LocalDate;

/** Use case: the statement of one business day, the hub's ledger against QFPay's. */
public interface ReportSettlement {
  /**
   * Draws up the statement of {@code date}.
   *
   * @throws io.ecrhub.domain.shared.ValidationException {@code INVALID_DATE} for a day that has not
   *     begun
   * @throws io.ecrhub.domain.shared.DomainException {@code CLOUD_UNAVAILABLE} when QFPay's
   *     statement could not be read in full, {@code STATEMENT_TOO_LARGE} when the day is larger
   *     than the configured bounds
   */
  SettlementReport report(LocalDate date);
}

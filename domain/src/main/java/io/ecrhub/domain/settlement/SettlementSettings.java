package io.ecrhub.domain.settlement;

import io.ecrhub.domain.cloud.CloudStatements;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Objects;

/**
 * How the statement is drawn up.
 *
 * @param zone the business day's time zone (Hong Kong unless configured)
 * @param currency the currency of QFPay records that name none
 * @param margin how far around the day both sides are read so records either side of midnight pair
 * @param pageSize QFPay's {@code page_size} (at most 100)
 * @param maxPages the most pages one statement may take; a larger day is refused, not cut short
 * @param maxHubEntries the most hub transactions one statement may take
 */
public record SettlementSettings(
    ZoneId zone,
    Currency currency,
    Duration margin,
    int pageSize,
    int maxPages,
    int maxHubEntries) {
  public SettlementSettings {
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(currency, "currency");
    if (margin.isNegative()
        || margin.compareTo(Duration.ofHours(12)) > 0
        || margin.getNano() != 0) {
      throw new IllegalArgumentException("margin must be whole seconds from 0 to 12 h");
    }
    if (pageSize < 1 || pageSize > CloudStatements.MAX_PAGE_SIZE) {
      throw new IllegalArgumentException("page size must be 1-" + CloudStatements.MAX_PAGE_SIZE);
    }
    if (maxPages < 1 || maxHubEntries < 1) {
      throw new IllegalArgumentException("max pages and max hub entries must be positive");
    }
  }

  /** Hong Kong business days, HKD, 10 minutes of margin, pages of 100, up to 500 pages. */
  public static SettlementSettings defaults() {
    return new SettlementSettings(
        ZoneId.of("Asia/Hong_Kong"),
        Currency.getInstance("HKD"),
        Duration.ofMinutes(10),
        CloudStatements.MAX_PAGE_SIZE,
        500,
        50_000);
  }
}

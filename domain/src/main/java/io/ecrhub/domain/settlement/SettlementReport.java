package io.ecrhub.domain.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * The statement of one business day: every transaction the hub or QFPay settled that day, paired
 * and compared, oldest first.
 *
 * @param from the day's start in {@code zone} (inclusive)
 * @param to the next day's start (exclusive)
 * @param cloudPages how many pages QFPay's statement took
 */
public record SettlementReport(
    LocalDate date,
    ZoneId zone,
    Instant from,
    Instant to,
    Instant generatedAt,
    int cloudPages,
    List<SettlementLine> lines) {
  public SettlementReport {
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(zone, "zone");
    lines = List.copyOf(lines);
  }

  public int count(SettlementLine.Outcome outcome) {
    return (int) lines.stream().filter(l -> l.outcome() == outcome).count();
  }

  /** The lines that do not match. */
  public List<SettlementLine> differences() {
    return lines.stream().filter(l -> l.outcome() != SettlementLine.Outcome.MATCHED).toList();
  }

  /** True when every transaction of the day matched. */
  public boolean clean() {
    return differences().isEmpty();
  }
}

package io.ecrhub.domain.settlement;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * One stored run of the statement (the nightly job's): the day, how it came out, the counts and the
 * lines that did not match (matched lines are counted, not stored).
 *
 * @param id {@code set_} and a generated id (at most 36 characters)
 * @param detail why a FAILED run failed (at most 500 characters), else null
 */
public record SettlementRun(
    String id,
    LocalDate date,
    ZoneId zone,
    Instant ranAt,
    Status status,
    int matched,
    int amountDiffers,
    int onlyAtQfpay,
    int onlyInHub,
    String detail,
    List<SettlementLine> differences) {

  /** The longest {@link #detail}. */
  public static final int MAX_DETAIL = 500;

  /** How a run came out. */
  public enum Status {
    /** Every transaction matched. */
    CLEAN,
    /** At least one line did not match; {@code report.settlement_mismatch} was published. */
    MISMATCH,
    /** No statement: QFPay could not be read, or the day was too large. */
    FAILED
  }

  public SettlementRun {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(date, "date");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(ranAt, "ranAt");
    Objects.requireNonNull(status, "status");
    differences = List.copyOf(differences);
    if (detail != null && detail.length() > MAX_DETAIL) {
      detail = detail.substring(0, MAX_DETAIL);
    }
  }

  /** The run of a report that was drawn up. */
  public static SettlementRun of(String id, SettlementReport r) {
    return new SettlementRun(
        id,
        r.date(),
        r.zone(),
        r.generatedAt(),
        r.clean() ? Status.CLEAN : Status.MISMATCH,
        r.count(SettlementLine.Outcome.MATCHED),
        r.count(SettlementLine.Outcome.AMOUNT_DIFFERS),
        r.count(SettlementLine.Outcome.ONLY_AT_QFPAY),
        r.count(SettlementLine.Outcome.ONLY_IN_HUB),
        null,
        r.differences());
  }

  /** A run that could not draw up the report. */
  public static SettlementRun failed(
      String id, LocalDate date, ZoneId zone, Instant at, String why) {
    return new SettlementRun(id, date, zone, at, Status.FAILED, 0, 0, 0, 0, why, List.of());
  }
}

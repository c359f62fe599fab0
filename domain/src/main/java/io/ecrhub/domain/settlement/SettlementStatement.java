package io.ecrhub.domain.settlement;

import io.ecrhub.domain.cloud.CloudStatementEntry;
import io.ecrhub.domain.cloud.CloudStatements;
import io.ecrhub.domain.cloud.CloudWindow;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.ValidationException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * {@link ReportSettlement}: reads the hub's ledger and QFPay's statement for the day (plus the
 * margin either side), every cloud page in turn, and compares them ({@link SettlementComparison}).
 */
public final class SettlementStatement implements ReportSettlement {
  private final HubLedger hub;
  private final CloudStatements cloud;
  private final SettlementSettings settings;
  private final Clock clock;

  public SettlementStatement(
      HubLedger hub, CloudStatements cloud, SettlementSettings settings, Clock clock) {
    this.hub = Objects.requireNonNull(hub);
    this.cloud = Objects.requireNonNull(cloud);
    this.settings = Objects.requireNonNull(settings);
    this.clock = Objects.requireNonNull(clock);
  }

  @Override
  public SettlementReport report(LocalDate date) {
    Instant now = clock.instant();
    Instant from = date.atStartOfDay(settings.zone()).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    ValidationException.require(
        from.isBefore(now), "INVALID_DATE", "date", "the business day " + date + " has not begun");
    CloudWindow day = new CloudWindow(from, to);
    CloudWindow read = new CloudWindow(from.minus(settings.margin()), to.plus(settings.margin()));
    List<HubEntry> hubEntries =
        hub.createdBetween(read.from(), read.to(), settings.maxHubEntries() + 1);
    if (hubEntries.size() > settings.maxHubEntries()) {
      throw new DomainException(
          "STATEMENT_TOO_LARGE",
          "the hub recorded more than "
              + settings.maxHubEntries()
              + " transactions around "
              + date);
    }
    List<CloudStatementEntry> cloudEntries = new ArrayList<>();
    int pages = readCloud(read, date, cloudEntries);
    return new SettlementReport(
        date,
        settings.zone(),
        from,
        to,
        now,
        pages,
        SettlementComparison.compare(hubEntries, cloudEntries, day));
  }

  /**
   * Every page of QFPay's statement into {@code into} (each syssn once); returns the page count.
   */
  private int readCloud(CloudWindow window, LocalDate date, List<CloudStatementEntry> into) {
    Set<String> seen = new HashSet<>();
    for (int page = 1; page <= settings.maxPages(); page++) {
      switch (cloud.statement(window, page, settings.pageSize(), settings.currency())) {
        case CloudStatements.StatementPage.Unavailable u ->
            throw new DomainException(
                "CLOUD_UNAVAILABLE",
                "QFPay's statement for " + date + " could not be read: " + u.reason());
        case CloudStatements.StatementPage.Page p -> {
          for (CloudStatementEntry e : p.entries()) {
            if (seen.add(e.record().syssn())) {
              into.add(e);
            }
          }
          if (p.last()) {
            return page;
          }
        }
      }
    }
    throw new DomainException(
        "STATEMENT_TOO_LARGE",
        "QFPay's statement for " + date + " has more than " + settings.maxPages() + " pages");
  }
}

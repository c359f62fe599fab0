package io.ecrhub.app.settlement;

import io.ecrhub.app.cloud.QfpayCloudAccounts;
import io.ecrhub.domain.settlement.HubLedger;
import io.ecrhub.domain.settlement.ReportSettlement;
import io.ecrhub.domain.settlement.RunNightlySettlement;
import io.ecrhub.domain.settlement.SettlementReport;
import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.settlement.SettlementRuns;
import io.ecrhub.domain.settlement.SettlementSettings;
import io.ecrhub.domain.settlement.SettlementStatement;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.UnitOfWork;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/**
 * The daily statement's use cases wired on the default QFPay cloud account: absent (every call
 * refused with {@code CLOUD_NOT_CONFIGURED}) when no account is configured. A wrong setting stops
 * the hub at start-up.
 */
@Singleton
public class SettlementReports {
  private final Optional<ReportSettlement> reports;
  private final Optional<RunNightlySettlement> nightly;
  private final SettlementRuns runs;
  private final SettlementSettings settings;

  @Inject
  SettlementReports(
      SettlementConfig config,
      QfpayCloudAccounts accounts,
      HubLedger hub,
      SettlementRuns runs,
      EventPublisher events,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock) {
    this.settings = settings(config);
    this.runs = runs;
    this.reports =
        accounts.statements().map(cloud -> new SettlementStatement(hub, cloud, settings, clock));
    this.nightly =
        reports.map(
            r -> new RunNightlySettlement(r, runs, events, uow, ids, clock, settings.zone()));
  }

  static SettlementSettings settings(SettlementConfig c) {
    try {
      return new SettlementSettings(
          ZoneId.of(c.zone()),
          Currency.getInstance(c.currency()),
          c.margin(),
          c.pageSize(),
          c.maxPages(),
          c.maxTransactions());
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("ecrhub.reports.settlement: " + e.getMessage(), e);
    }
  }

  public boolean configured() {
    return reports.isPresent();
  }

  public ZoneId zone() {
    return settings.zone();
  }

  /** The statement of {@code date}, drawn up now. */
  public SettlementReport report(LocalDate date) {
    return reports.orElseThrow(SettlementReports::notConfigured).report(date);
  }

  /** The nightly run: yesterday's statement stored (and announced when anything differs). */
  public Optional<SettlementRun> runNightly() {
    return nightly.map(RunNightlySettlement::runYesterday);
  }

  /** Draws up, stores and announces the statement of {@code date} as the nightly job does. */
  public SettlementRun run(LocalDate date) {
    return nightly.orElseThrow(SettlementReports::notConfigured).run(date);
  }

  public Page<SettlementRun> runs(String cursor, int limit) {
    return runs.list(cursor, limit);
  }

  public SettlementRun findRun(String id) {
    return runs.find(id)
        .orElseThrow(
            () -> new NotFoundException("SETTLEMENT_RUN_NOT_FOUND", "no settlement run " + id));
  }

  private static DomainException notConfigured() {
    return new DomainException(
        "CLOUD_NOT_CONFIGURED",
        "the daily statement needs a QFPay cloud account: set ecrhub.qfpay.cloud.app-code and"
            + " client-key");
  }
}

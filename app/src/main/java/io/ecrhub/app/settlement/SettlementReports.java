package io.ecrhub.app.settlement;

import io.ecrhub.app.cloud.QfpayCloudAccounts;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.settlement.HubLedger;
import io.ecrhub.domain.settlement.ReportSettlement;
import io.ecrhub.domain.settlement.RunNightlySettlement;
import io.ecrhub.domain.settlement.SettlementReport;
import io.ecrhub.domain.settlement.SettlementRun;
import io.ecrhub.domain.settlement.SettlementRuns;
import io.ecrhub.domain.settlement.SettlementSettings;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Terminals;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Currency;
import java.util.Optional;

/**
 * The daily statement's use cases wired per QFPay cloud account ({@link PerAccountSettlement}, ADR
 * 0028): every call refused with {@code CLOUD_NOT_CONFIGURED} while no account is configured
 * (neither the default one nor one of a store). A wrong setting stops the hub at start-up.
 */
@Singleton
public class SettlementReports {
  private final QfpayCloudAccounts accounts;
  private final ReportSettlement reports;
  private final RunNightlySettlement nightly;
  private final SettlementRuns runs;
  private final SettlementSettings settings;

  @Inject
  SettlementReports(
      SettlementConfig config,
      QfpayCloudAccounts accounts,
      StoreCloudAccounts stores,
      Terminals terminals,
      HubLedger hub,
      SettlementRuns runs,
      EventPublisher events,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock) {
    this.settings = settings(config);
    this.runs = runs;
    this.accounts = accounts;
    this.reports = new PerAccountSettlement(accounts, stores, terminals, hub, settings, clock);
    this.nightly =
        new RunNightlySettlement(reports, runs, events, uow, ids, clock, settings.zone());
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

  /** Whether any account (the default one or a store's) is configured. */
  public boolean configured() {
    return accounts.any();
  }

  public ZoneId zone() {
    return settings.zone();
  }

  /** The statement of {@code date}, drawn up now. */
  public SettlementReport report(LocalDate date) {
    requireConfigured();
    return reports.report(date);
  }

  /** The nightly run: yesterday's statement stored (and announced when anything differs). */
  public Optional<SettlementRun> runNightly() {
    return configured() ? Optional.of(nightly.runYesterday()) : Optional.empty();
  }

  /** Draws up, stores and announces the statement of {@code date} as the nightly job does. */
  public SettlementRun run(LocalDate date) {
    requireConfigured();
    return nightly.run(date);
  }

  public Page<SettlementRun> runs(String cursor, int limit) {
    return runs.list(cursor, limit);
  }

  public SettlementRun findRun(String id) {
    return runs.find(id)
        .orElseThrow(
            () -> new NotFoundException("SETTLEMENT_RUN_NOT_FOUND", "no settlement run " + id));
  }

  private void requireConfigured() {
    if (!configured()) {
      throw notConfigured();
    }
  }

  static DomainException notConfigured() {
    return new DomainException(
        "CLOUD_NOT_CONFIGURED",
        "the daily statement needs a QFPay cloud account: set ecrhub.qfpay.cloud.app-code and"
            + " client-key, or add a store's account (POST /api/v1/cloud-accounts)");
  }
}

package io.ecrhub.app.settlement;

import io.ecrhub.app.cloud.QfpayCloudAccounts;
import io.ecrhub.cloud.QfpayCloud;
import io.ecrhub.domain.cloud.StoreCloudAccounts;
import io.ecrhub.domain.settlement.HubEntry;
import io.ecrhub.domain.settlement.HubLedger;
import io.ecrhub.domain.settlement.ReportSettlement;
import io.ecrhub.domain.settlement.SettlementLine;
import io.ecrhub.domain.settlement.SettlementReport;
import io.ecrhub.domain.settlement.SettlementSettings;
import io.ecrhub.domain.settlement.SettlementStatement;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.Terminals;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The daily statement per QFPay account (ADR 0028): each store with an account of its own is
 * compared with that account's statement, on the hub's transactions of that store's terminals; the
 * default account's statement with the transactions of every other terminal (those of no store, of
 * stores without an account, and of terminals that are gone). The lines of all accounts make one
 * report. A store whose own account cannot be used (its key does not open) fails the report with
 * {@code CLOUD_UNAVAILABLE}, as an unreadable statement page does: a partial report would hide that
 * store's differences.
 */
final class PerAccountSettlement implements ReportSettlement {
  private final QfpayCloudAccounts accounts;
  private final StoreCloudAccounts stores;
  private final Terminals terminals;
  private final HubLedger hub;
  private final SettlementSettings settings;
  private final Clock clock;

  PerAccountSettlement(
      QfpayCloudAccounts accounts,
      StoreCloudAccounts stores,
      Terminals terminals,
      HubLedger hub,
      SettlementSettings settings,
      Clock clock) {
    this.accounts = accounts;
    this.stores = stores;
    this.terminals = terminals;
    this.hub = hub;
    this.settings = settings;
    this.clock = clock;
  }

  @Override
  public SettlementReport report(LocalDate date) {
    Instant from = date.atStartOfDay(settings.zone()).toInstant();
    Instant to = date.plusDays(1).atStartOfDay(settings.zone()).toInstant();
    List<HubEntry> all =
        hub.createdBetween(
            from.minus(settings.margin()),
            to.plus(settings.margin()),
            settings.maxHubEntries() + 1);
    if (all.size() > settings.maxHubEntries()) {
      throw new DomainException(
          "STATEMENT_TOO_LARGE",
          "the hub recorded more than "
              + settings.maxHubEntries()
              + " transactions around "
              + date);
    }
    Set<String> ownStores = new HashSet<>(stores.stores());
    Map<String, String> storeOf = new HashMap<>();
    Map<String, List<HubEntry>> byStore = new HashMap<>();
    List<HubEntry> rest = new ArrayList<>();
    for (HubEntry e : all) {
      String store =
          e.terminalId() == null
              ? null
              : storeOf.computeIfAbsent(
                  e.terminalId(),
                  t -> terminals.findById(TerminalId.of(t)).flatMap(Terminal::storeId).orElse(""));
      if (store != null && ownStores.contains(store)) {
        byStore.computeIfAbsent(store, s -> new ArrayList<>()).add(e);
      } else {
        rest.add(e);
      }
    }
    List<SettlementLine> lines = new ArrayList<>();
    int pages = 0;
    SettlementReport last = null;
    for (String store : ownStores.stream().sorted().toList()) {
      QfpayCloud cloud =
          accounts
              .cloudOf(store)
              .orElseThrow(
                  () ->
                      new DomainException(
                          "CLOUD_UNAVAILABLE",
                          "store "
                              + store
                              + "'s QFPay cloud account cannot be used (its client key does not"
                              + " open); enter the key again"));
      last = statement(cloud, byStore.getOrDefault(store, List.of()), date);
      lines.addAll(last.lines());
      pages += last.cloudPages();
    }
    Optional<QfpayCloud> fallback = accounts.cloudOf(null);
    if (fallback.isPresent()) {
      last = statement(fallback.get(), rest, date);
      lines.addAll(last.lines());
      pages += last.cloudPages();
    }
    if (last == null) {
      throw SettlementReports.notConfigured();
    }
    lines.sort(Comparator.comparing(SettlementLine::at)); // one day in time order, as one account's
    return new SettlementReport(
        date, settings.zone(), last.from(), last.to(), last.generatedAt(), pages, lines);
  }

  private SettlementReport statement(QfpayCloud cloud, List<HubEntry> entries, LocalDate date) {
    return new SettlementStatement(
            (from, to, limit) -> entries, cloud.statements(), settings, clock)
        .report(date);
  }
}

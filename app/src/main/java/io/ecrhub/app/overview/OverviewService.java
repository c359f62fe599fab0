package io.ecrhub.app.overview;

import io.ecrhub.app.security.Caller;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.terminal.TerminalStatus;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** Use case: the overview of what a caller's API key covers (see {@link Overview}). */
@ApplicationScoped
public class OverviewService {
  /** Terminals needing action listed at most; the counts cover all of them. */
  static final int NEEDING_ACTION = 50;

  /** Payments and refunds in doubt listed at most (each); more is said, not listed. */
  static final int IN_DOUBT = 25;

  private final OverviewReader reader;
  private final Clock clock;

  @Inject
  public OverviewService(OverviewReader reader, Clock clock) {
    this.reader = reader;
    this.clock = clock;
  }

  /**
   * @param todayFrom the start of "today" for the caller (their midnight), within the last 48 hours
   */
  public Overview overview(Caller caller, Instant todayFrom) {
    Instant now = clock.instant();
    Scope scope = caller.scope();
    List<OverviewReader.TerminalRow> visible =
        reader.terminals().stream().filter(t -> covers(scope, t)).toList();
    // null: every terminal (an unscoped key), so the queries carry no IN list
    List<String> only =
        scope.unrestricted() ? null : visible.stream().map(OverviewReader.TerminalRow::id).toList();
    boolean nothing = only != null && only.isEmpty();

    Instant firstHour = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(23));
    List<OverviewReader.Tally> today = nothing ? List.of() : reader.paymentsSince(todayFrom, only);
    List<Overview.HourView> hours =
        nothing ? emptyHours(firstHour) : reader.perHour(firstHour, 24, only);
    List<Overview.DoubtfulPayment> payments =
        nothing ? List.of() : reader.doubtfulPayments(only, IN_DOUBT + 1);
    List<Overview.DoubtfulRefund> refunds =
        nothing ? List.of() : reader.doubtfulRefunds(only, IN_DOUBT + 1);
    Overview.IntakeView intake =
        caller.isAdmin() && scope.unrestricted()
            ? reader.intake(now.minus(Duration.ofHours(1)))
            : null;
    return new Overview(
        now,
        new Overview.CallerView(caller.name(), caller.role().wire(), !scope.unrestricted()),
        fleet(visible),
        today(todayFrom, today),
        hours,
        new Overview.DoubtView(
            payments.subList(0, Math.min(IN_DOUBT, payments.size())),
            payments.size() > IN_DOUBT,
            refunds.subList(0, Math.min(IN_DOUBT, refunds.size())),
            refunds.size() > IN_DOUBT),
        intake);
  }

  static boolean covers(Scope scope, OverviewReader.TerminalRow t) {
    return scope.unrestricted()
        || scope.terminals().contains(t.id())
        || (t.storeId() != null && scope.stores().contains(t.storeId()));
  }

  private static Overview.FleetView fleet(List<OverviewReader.TerminalRow> visible) {
    Map<String, Integer> byStatus = new TreeMap<>();
    Map<String, int[]> byStore = new TreeMap<>(Comparator.nullsLast(Comparator.naturalOrder()));
    List<OverviewReader.TerminalRow> action = new ArrayList<>();
    for (OverviewReader.TerminalRow t : visible) {
      byStatus.merge(t.status(), 1, Integer::sum);
      int[] counts = byStore.computeIfAbsent(t.storeId(), k -> new int[2]);
      counts[0]++;
      if (TerminalStatus.ONLINE.name().equals(t.status())) {
        counts[1]++;
      } else {
        action.add(t);
      }
    }
    action.sort(
        Comparator.comparing(OverviewReader.TerminalRow::updatedAt)
            .reversed()
            .thenComparing(OverviewReader.TerminalRow::id));
    List<Overview.StoreView> stores = new ArrayList<>();
    byStore.forEach((store, c) -> stores.add(new Overview.StoreView(store, c[0], c[1])));
    return new Overview.FleetView(
        visible.size(),
        byStatus,
        stores,
        action.stream().limit(NEEDING_ACTION).map(OverviewService::needingAction).toList(),
        action.size() > NEEDING_ACTION);
  }

  private static Overview.TerminalView needingAction(OverviewReader.TerminalRow t) {
    String meaning = null;
    String fix = null;
    try {
      TerminalStatus status = TerminalStatus.valueOf(t.status());
      meaning = status.meaning();
      fix = status.fix().isEmpty() ? null : status.fix();
    } catch (IllegalArgumentException unknownToThisVersion) {
      // a status written by a newer hub: shown as it is, without the explanation
    }
    return new Overview.TerminalView(
        t.id(), t.name(), t.storeId(), t.status(), t.detail(), meaning, fix, t.updatedAt());
  }

  private static Overview.TodayView today(Instant from, List<OverviewReader.Tally> tallies) {
    Map<String, Long> byStatus = OverviewReader.byStatus(tallies);
    long count = byStatus.values().stream().mapToLong(Long::longValue).sum();
    Map<String, Long> takenMinor = new TreeMap<>();
    for (OverviewReader.Tally t : tallies) {
      if ("SUCCEEDED".equals(t.status())) {
        takenMinor.merge(t.currency(), t.amountMinor(), Long::sum);
      }
    }
    List<Overview.AmountView> amounts = new ArrayList<>();
    takenMinor.forEach(
        (currency, minor) ->
            amounts.add(
                new Overview.AmountView(
                    currency, Money.ofMinor(minor, currency).amount().toPlainString())));
    long succeeded = byStatus.getOrDefault("SUCCEEDED", 0L);
    long answered = succeeded + byStatus.getOrDefault("DECLINED", 0L);
    String rate =
        answered == 0
            ? null
            : BigDecimal.valueOf(succeeded)
                .divide(BigDecimal.valueOf(answered), 4, RoundingMode.HALF_EVEN)
                .toPlainString();
    return new Overview.TodayView(from, count, byStatus, amounts, rate);
  }

  private static List<Overview.HourView> emptyHours(Instant first) {
    List<Overview.HourView> out = new ArrayList<>();
    for (int i = 0; i < 24; i++) {
      out.add(new Overview.HourView(first.plus(Duration.ofHours(i)), 0, 0));
    }
    return out;
  }
}

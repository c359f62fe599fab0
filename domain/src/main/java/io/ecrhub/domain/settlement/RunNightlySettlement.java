package io.ecrhub.domain.settlement;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.EventPublisher;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Objects;

/**
 * Use case: the nightly statement. Draws up the report of a day, stores the run, and publishes
 * {@link SettlementMismatch} in the same unit of work when anything differs. A report that cannot
 * be drawn up is stored as a FAILED run with the reason (and nothing is published).
 */
public final class RunNightlySettlement {
  private final ReportSettlement reports;
  private final SettlementRuns runs;
  private final EventPublisher events;
  private final UnitOfWork uow;
  private final IdGenerator ids;
  private final Clock clock;
  private final ZoneId zone;

  public RunNightlySettlement(
      ReportSettlement reports,
      SettlementRuns runs,
      EventPublisher events,
      UnitOfWork uow,
      IdGenerator ids,
      Clock clock,
      ZoneId zone) {
    this.reports = Objects.requireNonNull(reports);
    this.runs = Objects.requireNonNull(runs);
    this.events = Objects.requireNonNull(events);
    this.uow = Objects.requireNonNull(uow);
    this.ids = Objects.requireNonNull(ids);
    this.clock = Objects.requireNonNull(clock);
    this.zone = Objects.requireNonNull(zone);
  }

  /** The run of the business day before today's (the nightly job's). */
  public SettlementRun runYesterday() {
    return run(LocalDate.now(clock.withZone(zone)).minusDays(1));
  }

  /** Draws up, stores and (on a difference) announces the statement of {@code date}. */
  public SettlementRun run(LocalDate date) {
    String id = "set_" + ids.next();
    SettlementRun run;
    try {
      run = SettlementRun.of(id, reports.report(date));
    } catch (DomainException e) {
      run = SettlementRun.failed(id, date, zone, clock.instant(), e.code() + ": " + e.getMessage());
    }
    SettlementRun stored = run;
    uow.run(
        () -> {
          runs.save(stored);
          if (stored.status() == SettlementRun.Status.MISMATCH) {
            events.publish(new SettlementMismatch(stored.id(), stored.ranAt()));
          }
        });
    return stored;
  }
}

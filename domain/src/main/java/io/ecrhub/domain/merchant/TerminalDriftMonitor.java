package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Terminals;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * {@link RecordTerminalSignal} over the one status writer, {@link TerminalHealth}: the same
 * interpretation and the same write as payments use, plus the drift audit: each change into a
 * problem status is audited once (not every repeated failure).
 */
public final class TerminalDriftMonitor implements RecordTerminalSignal {
  private final TerminalHealth health;

  public TerminalDriftMonitor(
      Terminals terminals, ConfigAudit audit, UnitOfWork uow, Clock clock, IdGenerator ids) {
    this.health = new TerminalHealth(terminals, uow, clock, auditDrift(audit, ids));
  }

  /**
   * The listener that audits drift: every status change into a problem status becomes one {@link
   * AuditAction#DRIFT} entry. Give it to every {@link TerminalHealth} so drift seen by a payment is
   * audited too.
   */
  public static TerminalHealth.StatusChanges auditDrift(ConfigAudit audit, IdGenerator ids) {
    return (Terminal t, TerminalStatus from, TerminalHealth.Observation seen, Instant at) -> {
      if (seen.isProblem()) {
        audit.record(
            new ConfigAuditEntry(
                ids.next(),
                at,
                null,
                "live",
                "hub",
                AuditAction.DRIFT,
                t.deviceId().orElse(null),
                t.id(),
                null,
                seen.status() + ": " + seen.detail()));
      }
    };
  }

  @Override
  public Optional<DriftFinding> outcome(TerminalId terminalId, TerminalOutcome outcome) {
    return health.recordOutcome(terminalId, outcome).map(DriftFinding::of);
  }

  @Override
  public Optional<DriftFinding> tlsProbe(TerminalId terminalId, boolean speaksTls) {
    return health.recordTlsProbe(terminalId, speaksTls).map(DriftFinding::of);
  }
}

package io.ecrhub.domain.merchant;

import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.UnitOfWork;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Terminals;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * {@link RecordTerminalSignal}: turns signals into terminal statuses via {@link DriftInterpreter}
 * and audits each newly detected drift once (not every repeated failure).
 */
public final class TerminalDriftMonitor implements RecordTerminalSignal {
  private final Terminals terminals;
  private final ConfigAudit audit;
  private final UnitOfWork uow;
  private final Clock clock;
  private final IdGenerator ids;

  public TerminalDriftMonitor(
      Terminals terminals, ConfigAudit audit, UnitOfWork uow, Clock clock, IdGenerator ids) {
    this.terminals = terminals;
    this.audit = audit;
    this.uow = uow;
    this.clock = clock;
    this.ids = ids;
  }

  @Override
  public Optional<DriftFinding> outcome(TerminalId terminalId, TerminalOutcome outcome) {
    return record(
        terminalId, t -> DriftInterpreter.fromOutcome(t.transport(), t.encryption(), outcome));
  }

  @Override
  public Optional<DriftFinding> tlsProbe(TerminalId terminalId, boolean speaksTls) {
    return record(
        terminalId, t -> Optional.of(DriftInterpreter.fromTlsProbe(t.transport(), speaksTls)));
  }

  private Optional<DriftFinding> record(
      TerminalId id, Function<Terminal, Optional<DriftFinding>> interpret) {
    return uow.inTransaction(
        () -> {
          Optional<Terminal> found = terminals.findById(id);
          if (found.isEmpty() || found.get().isDisabled()) {
            return Optional.empty();
          }
          Terminal t = found.get();
          Optional<DriftFinding> finding = interpret.apply(t);
          if (finding.isEmpty()) {
            return finding;
          }
          DriftFinding f = finding.get();
          Instant now = clock.instant();
          boolean statusChanged = t.status() != f.status();
          if (t.observe(f.status(), f.detail(), now)) {
            terminals.save(t);
            if (statusChanged && f.isDrift()) {
              audit.record(
                  new ConfigAuditEntry(
                      ids.next(),
                      now,
                      null,
                      "live",
                      "hub",
                      AuditAction.DRIFT,
                      t.deviceId().orElse(null),
                      t.id(),
                      null,
                      f.status() + ": " + f.detail()));
            }
          }
          return finding;
        });
  }
}

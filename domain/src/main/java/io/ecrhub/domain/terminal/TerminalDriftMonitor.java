package io.ecrhub.domain.terminal;

import java.util.Objects;
import java.util.Optional;

/**
 * {@link RecordTerminalSignal} over the one status writer, {@link TerminalHealth}: the same
 * interpretation, the same write and the same status-change listener (the drift audit) as payments,
 * prints and MMS syncs use.
 */
public final class TerminalDriftMonitor implements RecordTerminalSignal {
  private final TerminalHealth health;

  /**
   * @param health the application's one {@link TerminalHealth}
   */
  public TerminalDriftMonitor(TerminalHealth health) {
    this.health = Objects.requireNonNull(health, "health");
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

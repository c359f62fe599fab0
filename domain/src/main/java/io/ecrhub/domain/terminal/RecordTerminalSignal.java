package io.ecrhub.domain.terminal;

import java.util.Optional;

/**
 * Use case: feed live signals (request outcomes, TLS probes) into the terminal's status, so
 * configuration drift shows up as a status with its fix.
 */
public interface RecordTerminalSignal {
  /** Interprets an outcome; returns the finding that was recorded, if any. */
  Optional<DriftFinding> outcome(TerminalId terminalId, TerminalOutcome outcome);

  /** Records what a TLS probe of the ECR port showed. */
  Optional<DriftFinding> tlsProbe(TerminalId terminalId, boolean speaksTls);
}

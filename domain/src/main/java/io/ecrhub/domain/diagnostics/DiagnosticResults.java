package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.TerminalId;
import java.util.List;
import java.util.Optional;

/** Port: stored diagnostics runs, for trends in the console and the fleet summary. */
public interface DiagnosticResults {
  void save(DiagnosticReport report);

  Optional<DiagnosticReport> latest(TerminalId terminalId);

  /** Newest first, at most {@code limit}. */
  List<DiagnosticReport> history(TerminalId terminalId, int limit);

  /** The latest run of every terminal that has one. */
  List<DiagnosticReport> latestPerTerminal();
}

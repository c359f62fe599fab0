package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * All checks of one diagnostics run.
 *
 * @param terminalId the registered terminal, null for an ad-hoc target (the doctor CLI)
 * @param target {@code host:port} as probed
 */
public record DiagnosticReport(
    String id, TerminalId terminalId, String target, Instant at, List<DiagnosticCheck> checks) {

  public DiagnosticReport {
    checks = List.copyOf(checks);
  }

  /** The worst verdict; PASS when everything passed or was skipped. */
  public CheckStatus overall() {
    CheckStatus s = CheckStatus.PASS;
    for (DiagnosticCheck c : checks) {
      s = s.worst(c.status());
    }
    return s;
  }

  /** Process exit code for the doctor CLI: 0 pass, 1 warn, 2 fail. */
  public int exitCode() {
    return switch (overall()) {
      case FAIL -> 2;
      case WARN -> 1;
      case PASS, SKIPPED -> 0;
    };
  }

  public Optional<DiagnosticCheck> check(CheckId id) {
    return checks.stream().filter(c -> c.id() == id).findFirst();
  }
}

package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.TerminalId;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The fleet at a glance: how many terminals pass, warn, fail or were never diagnosed, which checks
 * fail most, and each terminal's latest verdict.
 *
 * @param failingChecks per check, how many terminals' latest run has it at FAIL
 */
public record FleetSummary(
    Instant at,
    int terminals,
    int pass,
    int warn,
    int fail,
    int neverDiagnosed,
    Map<CheckId, Integer> failingChecks,
    List<TerminalVerdict> verdicts) {

  public FleetSummary {
    failingChecks = Map.copyOf(failingChecks);
    verdicts = List.copyOf(verdicts);
  }

  /** Builds the summary from the registered terminal ids and their latest runs. */
  public static FleetSummary of(
      List<TerminalId> terminals, List<DiagnosticReport> latest, Instant at) {
    Map<TerminalId, DiagnosticReport> byId = new java.util.HashMap<>();
    latest.forEach(r -> byId.put(r.terminalId(), r));
    Map<CheckId, Integer> failing = new EnumMap<>(CheckId.class);
    int pass = 0;
    int warn = 0;
    int fail = 0;
    int never = 0;
    List<TerminalVerdict> verdicts = new java.util.ArrayList<>();
    for (TerminalId id : terminals) {
      DiagnosticReport r = byId.get(id);
      if (r == null) {
        never++;
        verdicts.add(new TerminalVerdict(id, null, null, List.of()));
        continue;
      }
      CheckStatus s = r.overall();
      switch (s) {
        case FAIL -> fail++;
        case WARN -> warn++;
        default -> pass++;
      }
      List<CheckId> failed =
          r.checks().stream()
              .filter(c -> c.status() == CheckStatus.FAIL)
              .map(DiagnosticCheck::id)
              .toList();
      failed.forEach(c -> failing.merge(c, 1, Integer::sum));
      verdicts.add(new TerminalVerdict(id, s, r.at(), failed));
    }
    return new FleetSummary(at, terminals.size(), pass, warn, fail, never, failing, verdicts);
  }

  /**
   * One terminal's latest verdict; {@code overall} and {@code at} are null when never diagnosed.
   */
  public record TerminalVerdict(
      TerminalId terminalId, CheckStatus overall, Instant at, List<CheckId> failing) {
    public TerminalVerdict {
      failing = List.copyOf(failing);
    }
  }
}

package io.ecrhub.domain.testing;

import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.domain.diagnostics.DiagnosticResults;
import io.ecrhub.domain.terminal.TerminalId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** In-memory {@link DiagnosticResults}: runs newest first by time, then by id (descending). */
public final class InMemoryDiagnosticResults implements DiagnosticResults {
  private static final Comparator<DiagnosticReport> NEWEST_FIRST =
      Comparator.comparing(DiagnosticReport::at).thenComparing(DiagnosticReport::id).reversed();

  private final List<DiagnosticReport> all = new ArrayList<>();

  @Override
  public synchronized void save(DiagnosticReport report) {
    all.add(report);
  }

  @Override
  public Optional<DiagnosticReport> latest(TerminalId terminalId) {
    return history(terminalId, 1).stream().findFirst();
  }

  @Override
  public synchronized List<DiagnosticReport> history(TerminalId terminalId, int limit) {
    return all.stream()
        .filter(r -> terminalId.equals(r.terminalId()))
        .sorted(NEWEST_FIRST)
        .limit(limit)
        .toList();
  }

  @Override
  public synchronized List<DiagnosticReport> latestPerTerminal() {
    Map<TerminalId, DiagnosticReport> latest = new LinkedHashMap<>();
    all.stream().sorted(NEWEST_FIRST).forEach(r -> latest.putIfAbsent(r.terminalId(), r));
    return List.copyOf(latest.values());
  }
}

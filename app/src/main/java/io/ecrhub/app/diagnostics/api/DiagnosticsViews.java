package io.ecrhub.app.diagnostics.api;

import io.ecrhub.domain.diagnostics.DiagnosticCheck;
import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.domain.diagnostics.FleetSummary;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** JSON views of diagnostics runs and the fleet summary. */
final class DiagnosticsViews {
  private DiagnosticsViews() {}

  @Schema(name = "DiagnosticCheck")
  record CheckView(String id, String title, String status, String evidence, String fix) {
    static CheckView of(DiagnosticCheck c) {
      return new CheckView(c.id().key(), c.id().title(), c.status().name(), c.evidence(), c.fix());
    }
  }

  @Schema(name = "DiagnosticsReport")
  record ReportView(
      String id,
      String terminalId,
      String target,
      Instant at,
      String overall,
      List<CheckView> checks) {
    static ReportView of(DiagnosticReport r) {
      return new ReportView(
          r.id(),
          r.terminalId() == null ? null : r.terminalId().value(),
          r.target(),
          r.at(),
          r.overall().name(),
          r.checks().stream().map(CheckView::of).toList());
    }
  }

  @Schema(name = "TerminalLastRun")
  record LastRunView(
      String terminalId,
      String name,
      String storeId,
      String status,
      @Schema(description = "The newest stored run; null when the terminal was never diagnosed")
          ReportView lastRun) {
    static LastRunView of(io.ecrhub.app.diagnostics.FleetRuns.LastRun r) {
      return new LastRunView(
          r.terminalId(),
          r.name(),
          r.storeId(),
          r.status(),
          r.run() == null ? null : ReportView.of(r.run()));
    }
  }

  @Schema(name = "TerminalLastRunPage")
  record LastRunPage(
      List<LastRunView> items,
      @Schema(description = "Pass as ?cursor= to get the next page; null on the last page")
          String nextCursor,
      @Schema(description = "Whether this key may run diagnostics (an admin key)")
          boolean canRun) {}

  @Schema(name = "TerminalVerdict")
  record VerdictView(String terminalId, String overall, Instant at, List<String> failing) {}

  @Schema(name = "FleetDiagnostics")
  record FleetView(
      Instant at,
      int terminals,
      int pass,
      int warn,
      int fail,
      int neverDiagnosed,
      Map<String, Integer> failingChecks,
      List<VerdictView> terminalsByVerdict) {
    static FleetView of(FleetSummary s) {
      Map<String, Integer> failing = new TreeMap<>();
      s.failingChecks().forEach((k, v) -> failing.put(k.key(), v));
      return new FleetView(
          s.at(),
          s.terminals(),
          s.pass(),
          s.warn(),
          s.fail(),
          s.neverDiagnosed(),
          failing,
          s.verdicts().stream()
              .map(
                  v ->
                      new VerdictView(
                          v.terminalId().value(),
                          v.overall() == null ? null : v.overall().name(),
                          v.at(),
                          v.failing().stream().map(c -> c.key()).toList()))
              .toList());
    }
  }
}

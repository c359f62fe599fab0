package io.ecrhub.app.diagnostics;

import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.diagnostics.DiagnosticReport;
import io.ecrhub.domain.shared.Page;
import java.util.Objects;

/**
 * Port: the fleet's terminals with the newest stored diagnostics run of each, a page at a time, in
 * one query whatever the fleet's size (the console's diagnostics page).
 */
public interface FleetRuns {
  /**
   * Terminals within {@code scope}, ordered by id, after {@code afterId} (exclusive, null for the
   * first page), at most {@code limit}; the page's cursor is the last id, null on the last page.
   */
  Page<LastRun> page(Scope scope, String afterId, int limit);

  /**
   * One terminal and its newest run.
   *
   * @param run null when the terminal was never diagnosed
   */
  record LastRun(
      String terminalId, String name, String storeId, String status, DiagnosticReport run) {
    public LastRun {
      Objects.requireNonNull(terminalId, "terminalId");
    }
  }
}

package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.TerminalId;

/**
 * Use case: run every check of QFPay's ECR HTTPS checklist against a registered terminal, without
 * moving money, store the result and feed what it showed into the terminal's status.
 */
public interface DiagnoseTerminal {
  /**
   * @throws io.ecrhub.domain.shared.NotFoundException when the terminal does not exist
   */
  DiagnosticReport diagnose(TerminalId terminalId);

  /** The fleet as the latest stored runs show it. */
  FleetSummary fleet();
}

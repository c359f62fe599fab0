package io.ecrhub.domain.terminal;

/** Use case: print a receipt (3001) or the transaction summary (3002) on a terminal. */
public interface PrintOnTerminal {
  TerminalOutcome printReceipt(TerminalId terminalId, Syssn syssn);

  TerminalOutcome printSummary(TerminalId terminalId);
}

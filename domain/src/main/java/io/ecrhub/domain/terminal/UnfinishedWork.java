package io.ecrhub.domain.terminal;

import java.util.Optional;

/**
 * Port: work on a terminal that is not final yet (a payment pending, in progress or unknown), which
 * keeps the terminal from being removed. Served by the transaction side, so the registry does not
 * depend on it.
 */
@FunctionalInterface
public interface UnfinishedWork {
  /** What is not final yet on the terminal (e.g. {@code PENDING}), or empty when nothing is. */
  Optional<String> on(TerminalId terminalId);
}

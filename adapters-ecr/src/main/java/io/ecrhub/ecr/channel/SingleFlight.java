package io.ecrhub.ecr.channel;

import io.ecrhub.domain.terminal.TerminalCommand;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One request per terminal inside this JVM, except that a cancel request (5001) always passes: Odoo
 * sends it while the trade is outstanding. Cross-instance exclusion is the app's lease.
 */
final class SingleFlight {
  private final ConcurrentHashMap<TerminalId, TerminalCommand> holders = new ConcurrentHashMap<>();

  /** Admits {@code command} (empty) or answers Busy without touching the terminal. */
  Optional<TerminalOutcome.Busy> enter(TerminalId terminal, TerminalCommand command) {
    if (command instanceof TerminalCommand.CancelRequest) {
      return Optional.empty();
    }
    TerminalCommand holder = holders.putIfAbsent(terminal, command);
    if (holder == null) {
      return Optional.empty();
    }
    return Optional.of(
        new TerminalOutcome.Busy(
            "terminal "
                + terminal
                + " is busy with func_type "
                + holder.funcType()
                + "; nothing was sent"));
  }

  /** Releases what {@link #enter} admitted. */
  void exit(TerminalId terminal, TerminalCommand command) {
    if (!(command instanceof TerminalCommand.CancelRequest)) {
      holders.remove(terminal, command);
    }
  }
}

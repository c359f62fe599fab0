package io.ecrhub.domain.terminal;

import java.util.concurrent.CompletionStage;

/**
 * Port: sends one command to one terminal and classifies what happened. Implementations never throw
 * for I/O trouble: every failure becomes a {@link TerminalOutcome}. One business request
 * (trade/refund) per terminal at a time; a {@link TerminalCommand.CancelRequest} may overlap it;
 * any other overlap answers {@link TerminalOutcome.Busy} without touching the terminal.
 */
public interface TerminalChannel {
  CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command);
}

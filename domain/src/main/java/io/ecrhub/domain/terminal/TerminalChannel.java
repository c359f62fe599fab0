package io.ecrhub.domain.terminal;

import java.util.concurrent.CompletionStage;

/**
 * Port: sends one command to one terminal and classifies what happened. Implementations never throw
 * for I/O trouble: every failure becomes a {@link TerminalOutcome}. One business request
 * (trade/refund) per terminal at a time; a {@link TerminalCommand.CancelRequest} may overlap it;
 * any other overlap answers {@link TerminalOutcome.Busy} without touching the terminal.
 */
public interface TerminalChannel {
  /** A {@code written} signal nobody waits for. */
  Runnable UNOBSERVED = () -> {};

  CompletionStage<TerminalOutcome> send(TerminalEndpoint endpoint, TerminalCommand command);

  /**
   * Like {@link #send(TerminalEndpoint, TerminalCommand)}, and runs {@code written} (at most once,
   * on a channel thread; it must not block) as soon as the whole request was handed to the
   * terminal's connection: from then on the request may be on the terminal's screen, so what
   * follows is an answer or an unknown outcome, not a provable NotSent. A signal, never a verdict:
   * the outcome still says what happened, and a channel that cannot tell never runs it (this
   * default).
   */
  default CompletionStage<TerminalOutcome> send(
      TerminalEndpoint endpoint, TerminalCommand command, Runnable written) {
    return send(endpoint, command);
  }
}

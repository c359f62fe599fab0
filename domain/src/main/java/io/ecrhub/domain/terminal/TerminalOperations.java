package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Use case implementation: prints on a terminal (3001/3002). Prints do not hold the terminal; when
 * a payment or refund is in flight on it (its lease is held) the answer is {@link
 * TerminalOutcome.Busy} without touching the wire.
 */
public final class TerminalOperations implements PrintOnTerminal {
  private final Terminals terminals;
  private final TerminalLeases leases;
  private final TerminalChannel channel;
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  private final Duration connectTimeout;
  private final Duration readTimeout;
  private final TerminalHealth health;

  /**
   * @param health the application's one status writer (with its drift audit)
   * @param connectTimeout connect (and TLS handshake) budget per request
   * @param readTimeout budget for the terminal's answer to a print request
   */
  public TerminalOperations(
      Terminals terminals,
      TerminalLeases leases,
      TerminalChannel channel,
      UnitOfWork unitOfWork,
      Clock clock,
      TerminalHealth health,
      Duration connectTimeout,
      Duration readTimeout) {
    this.terminals = Objects.requireNonNull(terminals);
    this.leases = Objects.requireNonNull(leases);
    this.channel = Objects.requireNonNull(channel);
    this.unitOfWork = Objects.requireNonNull(unitOfWork);
    this.clock = Objects.requireNonNull(clock);
    this.connectTimeout = Objects.requireNonNull(connectTimeout);
    this.readTimeout = Objects.requireNonNull(readTimeout);
    this.health = Objects.requireNonNull(health);
  }

  @Override
  public TerminalOutcome printReceipt(TerminalId terminalId, Syssn syssn) {
    Objects.requireNonNull(syssn, "syssn");
    return send(terminalId, new TerminalCommand.PrintReceipt(syssn));
  }

  @Override
  public TerminalOutcome printSummary(TerminalId terminalId) {
    return send(terminalId, new TerminalCommand.PrintSummary());
  }

  private TerminalOutcome send(TerminalId terminalId, TerminalCommand command) {
    Terminal terminal =
        unitOfWork
            .inTransaction(() -> terminals.findById(terminalId))
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "TERMINAL_NOT_FOUND", "no terminal with id " + terminalId));
    if (terminal.isDisabled()) {
      throw new DomainException("TERMINAL_DISABLED", "terminal " + terminalId + " is disabled");
    }
    if (unitOfWork.inTransaction(() -> leases.current(terminalId, clock.instant())).isPresent()) {
      return new TerminalOutcome.Busy("a payment or refund is in flight on this terminal");
    }
    TerminalEndpoint endpoint = TerminalEndpoint.of(terminal, connectTimeout, readTimeout);
    Duration wait = connectTimeout.plus(readTimeout).plusSeconds(5);
    TerminalOutcome outcome = TerminalCalls.sendAndWait(channel, endpoint, command, wait);
    health.record(terminalId, outcome);
    return outcome;
  }
}

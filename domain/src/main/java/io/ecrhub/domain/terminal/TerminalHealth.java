package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.time.Clock;
import java.util.Optional;

/**
 * Keeps a terminal's status in line with what its answers show: 4003/5001 means the key is out of
 * sync, 4007 logged out, a failed connect unreachable, a TLS failure an HTTPS mismatch or a
 * certificate problem, and any real answer means it is online. Best effort: a failure to record
 * never fails the transaction that produced the outcome.
 */
public final class TerminalHealth {
  private static final System.Logger LOG = System.getLogger(TerminalHealth.class.getName());
  private static final int ATTEMPTS = 3;

  private final Terminals terminals;
  private final UnitOfWork unitOfWork;
  private final Clock clock;

  public TerminalHealth(Terminals terminals, UnitOfWork unitOfWork, Clock clock) {
    this.terminals = terminals;
    this.unitOfWork = unitOfWork;
    this.clock = clock;
  }

  /** What an outcome says about the terminal; empty when it says nothing (no answer, busy). */
  public static Optional<Observation> observationOf(TerminalOutcome outcome) {
    return Optional.ofNullable(
        switch (outcome) {
          case TerminalOutcome.KeyMismatch k ->
              new Observation(TerminalStatus.KEY_MISMATCH, "respcd " + k.rawCode());
          case TerminalOutcome.LoggedOut l ->
              new Observation(TerminalStatus.LOGGED_OUT, "respcd 4007");
          case TerminalOutcome.NotSent n -> notSent(n);
          case TerminalOutcome.Approved a -> Observation.ONLINE;
          case TerminalOutcome.Declined d -> Observation.ONLINE;
          case TerminalOutcome.Cancelled c -> Observation.ONLINE;
          case TerminalOutcome.NotFound f -> Observation.ONLINE;
          case TerminalOutcome.ProtocolError p -> Observation.ONLINE;
          case TerminalOutcome.OutcomeUnknown u -> null;
          case TerminalOutcome.Busy b -> null;
        });
  }

  private static Observation notSent(TerminalOutcome.NotSent n) {
    String detail = n.cause().name();
    return switch (n.cause()) {
      case CONNECT_FAILED, UNRESOLVED -> new Observation(TerminalStatus.UNREACHABLE, detail);
      case CERTIFICATE_CHANGED -> new Observation(TerminalStatus.CERTIFICATE_CHANGED, detail);
      case CERTIFICATE_UNTRUSTED -> new Observation(TerminalStatus.CERTIFICATE_UNTRUSTED, detail);
      case TLS_HANDSHAKE_FAILED -> new Observation(TerminalStatus.HTTPS_MISMATCH, detail);
      case CONFIGURATION, CHANNEL_CLOSED -> null;
    };
  }

  /** Records what {@code outcome} says about the terminal, if anything; never throws. */
  public void record(TerminalId terminalId, TerminalOutcome outcome) {
    Optional<Observation> seen = observationOf(outcome);
    if (seen.isEmpty()) {
      return;
    }
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        unitOfWork.run(
            () ->
                terminals
                    .findById(terminalId)
                    .filter(
                        t -> t.observe(seen.get().status(), seen.get().detail(), clock.instant()))
                    .ifPresent(terminals::save));
        return;
      } catch (ConcurrentModificationException e) {
        LOG.log(
            System.Logger.Level.DEBUG, "terminal {0} changed concurrently; retrying", terminalId);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "could not record status of terminal {0}: {1}",
            terminalId,
            e.toString());
        return;
      }
    }
  }

  /** A status and its detail (never a secret). */
  public record Observation(TerminalStatus status, String detail) {
    static final Observation ONLINE = new Observation(TerminalStatus.ONLINE, null);
  }
}

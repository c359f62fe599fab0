package io.ecrhub.domain.terminal;

import io.ecrhub.domain.shared.ConcurrentModificationException;
import io.ecrhub.domain.shared.UnitOfWork;
import java.time.Clock;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The one place that reads live signals as a terminal status and writes it: payments, refunds,
 * reconciliation, diagnostics and TLS probes all come here, so a {@code 4003} gives the same status
 * and the same fix whoever saw it (protocol doc §10).
 *
 * <ul>
 *   <li>{@code 4003}/{@code 5001}: the POS key or the encryption toggle changed in MMS (or changed
 *       and the app was not restarted);
 *   <li>{@code 4007}: the Haojin app is logged out;
 *   <li>a failed connect: unreachable; a failed TLS handshake: the HTTPS toggle differs from the
 *       configured transport; a refused or changed certificate: its own status;
 *   <li>a decoded answer: online. No answer, a busy terminal or an answer that could not be read
 *       (which may itself be an encryption mismatch) say nothing and leave the status alone.
 * </ul>
 *
 * <p>Best effort: a failure to record never fails the transaction that produced the signal. Each
 * status change is reported once to the {@link StatusChanges} listener (the drift audit), inside
 * the same unit of work as the write. A configuration re-synced from MMS resets a drift status here
 * too ({@link #configurationResynced}), so no path writes a status past this class.
 */
public final class TerminalHealth {
  private static final System.Logger LOG = System.getLogger(TerminalHealth.class.getName());
  private static final int ATTEMPTS = 3;
  private static final String RESTART =
      " Then restart or re-login the Haojin app so it picks up the MMS settings.";

  /** The statuses a re-synced configuration may have cured. */
  private static final Set<TerminalStatus> RESYNC_CLEARS =
      EnumSet.of(
          TerminalStatus.KEY_MISMATCH,
          TerminalStatus.HTTPS_MISMATCH,
          TerminalStatus.CERTIFICATE_UNTRUSTED,
          TerminalStatus.UNREACHABLE);

  private static final Observation RESYNCED =
      new Observation(
          TerminalStatus.NEW,
          "configuration re-synced from MMS; checked again on the next contact",
          "");

  private final Terminals terminals;
  private final UnitOfWork unitOfWork;
  private final Clock clock;
  private final StatusChanges changes;

  /**
   * The application builds one, with its drift audit as {@code changes}, and gives it to every path
   * that sees a terminal's status: payments and refunds, prints, diagnostics, MMS syncs.
   *
   * @param changes told of each status change, whichever path made it
   */
  public TerminalHealth(
      Terminals terminals, UnitOfWork unitOfWork, Clock clock, StatusChanges changes) {
    this.terminals = Objects.requireNonNull(terminals, "terminals");
    this.unitOfWork = Objects.requireNonNull(unitOfWork, "unitOfWork");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.changes = Objects.requireNonNull(changes, "changes");
  }

  /** Told when a signal changed a terminal's status; runs in the unit of work of the write. */
  @FunctionalInterface
  public interface StatusChanges {
    StatusChanges NONE = (terminal, from, seen, at) -> {};

    /**
     * @param terminal the terminal, already carrying the new status
     * @param from the status before
     * @param seen what was observed (the new status, its evidence and fix)
     */
    void changed(Terminal terminal, TerminalStatus from, Observation seen, Instant at);
  }

  /**
   * What an outcome says about a terminal configured with {@code configured} transport and {@code
   * encryption}; empty when it says nothing (no answer, busy, an unreadable answer, a closed
   * channel or a configuration error of the hub's own).
   */
  public static Optional<Observation> interpret(
      Transport configured, boolean encryption, TerminalOutcome outcome) {
    return Optional.ofNullable(
        switch (outcome) {
          case TerminalOutcome.Approved a -> Observation.ONLINE;
          case TerminalOutcome.Declined d -> Observation.ONLINE;
          case TerminalOutcome.Cancelled c -> Observation.ONLINE;
          case TerminalOutcome.NotFound n -> Observation.ONLINE;
          case TerminalOutcome.KeyMismatch k -> keyMismatch(encryption, k.rawCode());
          case TerminalOutcome.LoggedOut l ->
              new Observation(
                  TerminalStatus.LOGGED_OUT,
                  "The terminal answered respcd 4007: the Haojin app is logged out.",
                  "Restart or re-login the Haojin app on the terminal (and keep it in the"
                      + " foreground).");
          case TerminalOutcome.NotSent ns -> notSent(configured, ns);
          case TerminalOutcome.OutcomeUnknown u -> null;
          case TerminalOutcome.Busy b -> null;
          case TerminalOutcome.ProtocolError p -> null;
        });
  }

  /** What the outcome says about this terminal (its transport and encryption setting). */
  public static Optional<Observation> interpret(Terminal terminal, TerminalOutcome outcome) {
    return interpret(terminal.transport(), terminal.encryption(), outcome);
  }

  /**
   * What a bare TLS probe on the ECR port says.
   *
   * @param speaksTls whether the terminal completed (or at least answered) a TLS handshake
   */
  public static Observation interpretTlsProbe(Transport configured, boolean speaksTls) {
    if (configured == Transport.HTTPS && !speaksTls) {
      return httpsOffAtTerminal();
    }
    if (configured == Transport.HTTP && speaksTls) {
      return new Observation(
          TerminalStatus.HTTPS_MISMATCH,
          "The terminal answers TLS on its ECR port, but the hub is set to plain HTTP.",
          "HTTPS is on for this device in MMS: set the terminal's transport to HTTPS in the hub"
              + " (or re-import the POS Key List), and install nothing else: the hub trusts"
              + " QFPay's CA itself.");
    }
    return Observation.ONLINE;
  }

  /** Records what {@code outcome} says about the terminal, if anything; never throws. */
  public void record(TerminalId terminalId, TerminalOutcome outcome) {
    recordOutcome(terminalId, outcome);
  }

  /**
   * Records what {@code outcome} says about a terminal as it was read for the exchange that
   * produced it; never throws. When the outcome says exactly what that terminal already showed (the
   * common case: an answer from an online terminal), nothing is read or written: the next exchange
   * reads the terminal again, so a status changed meanwhile elsewhere is corrected then.
   */
  public void record(Terminal asRead, TerminalOutcome outcome) {
    Optional<Observation> seen = interpret(asRead, outcome);
    if (seen.isEmpty() || asRead.isDisabled() || shows(asRead, seen.get())) {
      return;
    }
    recordOutcome(asRead.id(), outcome);
  }

  private static boolean shows(Terminal t, Observation o) {
    return t.status() == o.status() && t.statusDetail().equals(Optional.ofNullable(o.detail()));
  }

  /**
   * Records what {@code outcome} says about the terminal; returns it (empty when it says nothing,
   * or the terminal is unknown or disabled). Never throws.
   */
  public Optional<Observation> recordOutcome(TerminalId terminalId, TerminalOutcome outcome) {
    return write(terminalId, t -> interpret(t, outcome));
  }

  /** Records what a TLS probe of the ECR port showed; never throws. */
  public Optional<Observation> recordTlsProbe(TerminalId terminalId, boolean speaksTls) {
    return write(terminalId, t -> Optional.of(interpretTlsProbe(t.transport(), speaksTls)));
  }

  private Optional<Observation> write(
      TerminalId terminalId, Function<Terminal, Optional<Observation>> interpretation) {
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        return unitOfWork.inTransaction(() -> writeOnce(terminalId, interpretation));
      } catch (ConcurrentModificationException e) {
        LOG.log(
            System.Logger.Level.DEBUG, "terminal {0} changed concurrently; retrying", terminalId);
      } catch (RuntimeException e) {
        LOG.log(
            System.Logger.Level.WARNING,
            "could not record status of terminal {0}: {1}",
            terminalId,
            e.toString());
        return Optional.empty();
      }
    }
    return Optional.empty();
  }

  private Optional<Observation> writeOnce(
      TerminalId terminalId, Function<Terminal, Optional<Observation>> interpretation) {
    Optional<Terminal> found = terminals.findById(terminalId);
    if (found.isEmpty() || found.get().isDisabled()) {
      return Optional.empty();
    }
    Terminal t = found.get();
    Optional<Observation> seen = interpretation.apply(t);
    if (seen.isEmpty()) {
      return seen;
    }
    Observation o = seen.get();
    TerminalStatus before = t.status();
    Instant now = clock.instant();
    if (t.observe(o.status(), o.detail(), now)) {
      terminals.save(t);
      if (before != o.status()) {
        changes.changed(t, before, o, now);
      }
    }
    return seen;
  }

  /**
   * A configuration change from MMS (key, toggles, address) clears a drift status the old
   * configuration explained: the terminal shows {@link TerminalStatus#NEW} until its next contact.
   * Runs in the caller's unit of work on the terminal it is changing; the caller saves it. The
   * listener hears of the change as of any other.
   */
  public void configurationResynced(Terminal t, Instant now) {
    if (!RESYNC_CLEARS.contains(t.status())) {
      return;
    }
    TerminalStatus before = t.status();
    if (t.observe(RESYNCED.status(), RESYNCED.detail(), now)) {
      changes.changed(t, before, RESYNCED, now);
    }
  }

  private static Observation keyMismatch(boolean encryption, String code) {
    String evidence =
        "5001".equals(code)
            ? "The terminal answered respcd 5001: it could not decrypt the request."
            : "The terminal answered respcd "
                + code
                + ": it refused the request's digest (POS key).";
    String fix =
        encryption
            ? "The POS key was regenerated in the Haojin app / MMS, or encryption was switched"
                + " off in MMS. Re-import the POS Key List from MMS (Settings > Device Setting >"
                + " POS Key List) or enter the new key and the encryption setting."
            : "The hub sends unencrypted requests, but MMS encryption is on by default, or the"
                + " POS key changed. Check the encryption toggle and the POS key in MMS (POS Key"
                + " List) and re-import them.";
    return new Observation(TerminalStatus.KEY_MISMATCH, evidence, fix + RESTART);
  }

  private static Observation notSent(Transport configured, TerminalOutcome.NotSent ns) {
    return switch (ns.cause()) {
      case CONNECT_FAILED, UNRESOLVED ->
          new Observation(
              TerminalStatus.UNREACHABLE,
              "Could not connect (" + ns.cause() + "): " + ns.detail(),
              TerminalStatus.UNREACHABLE.fix());
      case TLS_HANDSHAKE_FAILED ->
          configured == Transport.HTTPS
              ? httpsOffAtTerminal()
              : new Observation(
                  TerminalStatus.HTTPS_MISMATCH,
                  "TLS failed (" + ns.cause() + "): " + ns.detail(),
                  TerminalStatus.HTTPS_MISMATCH.fix());
      case CERTIFICATE_UNTRUSTED ->
          new Observation(
              TerminalStatus.CERTIFICATE_UNTRUSTED,
              "The terminal's certificate was refused (" + ns.cause() + "): " + ns.detail(),
              TerminalStatus.CERTIFICATE_UNTRUSTED.fix());
      case CERTIFICATE_CHANGED ->
          new Observation(
              TerminalStatus.CERTIFICATE_CHANGED,
              "The terminal presented a different certificate than the pinned one ("
                  + ns.cause()
                  + "): "
                  + ns.detail(),
              TerminalStatus.CERTIFICATE_CHANGED.fix());
      case CONFIGURATION, CHANNEL_CLOSED -> null;
    };
  }

  private static Observation httpsOffAtTerminal() {
    return new Observation(
        TerminalStatus.HTTPS_MISMATCH,
        "The hub is set to HTTPS, but the terminal does not complete a TLS handshake on its ECR"
            + " port.",
        "Switch on 'Enable Https' for this device in MMS (Settings > Device Setting > POS Key"
            + " List), restart or re-login the Haojin app (4.34.12 or newer) and check its ECR"
            + " status page shows HTTPS enabled and a certificate generated. Or, if HTTPS is meant"
            + " to be off, set the terminal's transport to HTTP.");
  }

  /**
   * What a signal says: the status, the evidence and the precise fix for the operator (never a
   * secret).
   */
  public record Observation(TerminalStatus status, String evidence, String fix) {
    public Observation {
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(evidence, "evidence");
      fix = fix == null ? "" : fix;
    }

    /** The terminal answers as configured (one text, so repeated answers do not rewrite it). */
    public static final Observation ONLINE =
        new Observation(TerminalStatus.ONLINE, "Answering as configured.", "");

    /** Whether this is a problem (anything but {@link TerminalStatus#ONLINE}). */
    public boolean isProblem() {
      return status != TerminalStatus.ONLINE;
    }

    /** Evidence and fix as one status detail line; null when online (nothing to explain). */
    public String detail() {
      if (!isProblem()) {
        return null;
      }
      return fix.isEmpty() ? evidence : evidence + " Fix: " + fix;
    }
  }
}

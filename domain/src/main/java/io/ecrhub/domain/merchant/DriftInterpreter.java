package io.ecrhub.domain.merchant;

import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.TerminalStatus;
import io.ecrhub.domain.terminal.Transport;
import java.util.Optional;

/**
 * Reads live signals (request outcomes, TLS probes) as evidence that a terminal drifted from the
 * configuration the hub holds for it (protocol doc §10): 4003/5001 mean the POS key or the
 * encryption toggle changed in MMS (or changed and the app was not restarted), 4007 means the app
 * is logged out, a TLS handshake that fails or succeeds against the configured transport means the
 * HTTPS toggle differs.
 */
public final class DriftInterpreter {
  private static final String RESTART =
      " Then restart or re-login the Haojin app so it picks up the MMS settings.";

  private DriftInterpreter() {}

  /**
   * The status an outcome implies; empty when it says nothing about configuration (an unknown
   * outcome, a busy terminal, a protocol error).
   */
  public static Optional<DriftFinding> fromOutcome(
      Transport configured, boolean encryption, TerminalOutcome outcome) {
    return Optional.ofNullable(
        switch (outcome) {
          case TerminalOutcome.Approved a -> online();
          case TerminalOutcome.Declined d -> online();
          case TerminalOutcome.Cancelled c -> online();
          case TerminalOutcome.NotFound n -> online();
          case TerminalOutcome.KeyMismatch k -> keyMismatch(encryption, k.rawCode());
          case TerminalOutcome.LoggedOut l ->
              new DriftFinding(
                  TerminalStatus.LOGGED_OUT,
                  "The terminal answered 4007: the Haojin app is logged out.",
                  "Log in to the Haojin app on the terminal (and keep it in the foreground).");
          case TerminalOutcome.NotSent ns -> notSent(configured, ns);
          case TerminalOutcome.OutcomeUnknown u -> null;
          case TerminalOutcome.Busy b -> null;
          case TerminalOutcome.ProtocolError p -> null;
        });
  }

  /**
   * What a bare TLS probe on the ECR port says.
   *
   * @param speaksTls whether the terminal completed (or at least answered) a TLS handshake
   */
  public static DriftFinding fromTlsProbe(Transport configured, boolean speaksTls) {
    if (configured == Transport.HTTPS && !speaksTls) {
      return httpsOffAtTerminal();
    }
    if (configured == Transport.HTTP && speaksTls) {
      return new DriftFinding(
          TerminalStatus.HTTPS_MISMATCH,
          "The terminal answers TLS on its ECR port, but the hub is set to plain HTTP.",
          "HTTPS is on for this device in MMS: set the terminal's transport to HTTPS in the hub"
              + " (or re-import the POS Key List), and install nothing else: the hub trusts"
              + " QFPay's CA itself.");
    }
    return online();
  }

  private static DriftFinding keyMismatch(boolean encryption, String code) {
    String evidence =
        "5001".equals(code)
            ? "The terminal answered 5001: it could not decrypt the request."
            : "The terminal answered " + code + ": it refused the request's digest (POS key).";
    String fix =
        encryption
            ? "The POS key was regenerated in the Haojin app / MMS, or encryption was switched"
                + " off in MMS. Re-import the POS Key List from MMS (Settings > Device Setting >"
                + " POS Key List) or enter the new key and the encryption setting."
            : "The hub sends unencrypted requests, but MMS encryption is on by default, or the"
                + " POS key changed. Check the encryption toggle and the POS key in MMS (POS Key"
                + " List) and re-import them.";
    return new DriftFinding(TerminalStatus.KEY_MISMATCH, evidence, fix + RESTART);
  }

  private static DriftFinding notSent(Transport configured, TerminalOutcome.NotSent ns) {
    return switch (ns.cause()) {
      case CONNECT_FAILED, UNRESOLVED ->
          new DriftFinding(
              TerminalStatus.UNREACHABLE,
              "Could not connect: " + ns.detail(),
              TerminalStatus.UNREACHABLE.fix());
      case TLS_HANDSHAKE_FAILED ->
          configured == Transport.HTTPS
              ? httpsOffAtTerminal()
              : new DriftFinding(
                  TerminalStatus.HTTPS_MISMATCH, "TLS failed: " + ns.detail(), RESTART.trim());
      case CERTIFICATE_UNTRUSTED ->
          new DriftFinding(
              TerminalStatus.CERTIFICATE_UNTRUSTED,
              "The terminal's certificate was refused: " + ns.detail(),
              TerminalStatus.CERTIFICATE_UNTRUSTED.fix());
      case CERTIFICATE_CHANGED ->
          new DriftFinding(
              TerminalStatus.CERTIFICATE_CHANGED,
              "The terminal presented a different certificate than the pinned one: " + ns.detail(),
              TerminalStatus.CERTIFICATE_CHANGED.fix());
      case CONFIGURATION, CHANNEL_CLOSED -> null;
    };
  }

  private static DriftFinding httpsOffAtTerminal() {
    return new DriftFinding(
        TerminalStatus.HTTPS_MISMATCH,
        "The hub is set to HTTPS, but the terminal does not complete a TLS handshake on its ECR"
            + " port.",
        "Switch on 'Enable Https' for this device in MMS (Settings > Device Setting > POS Key"
            + " List), restart or re-login the Haojin app (4.34.12 or newer) and check its ECR"
            + " status page shows HTTPS enabled and a certificate generated. Or, if HTTPS is meant"
            + " to be off, set the terminal's transport to HTTP.");
  }

  private static DriftFinding online() {
    return new DriftFinding(TerminalStatus.ONLINE, "Answered with the configured key.", "");
  }
}

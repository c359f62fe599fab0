package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.AppVersion;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.terminal.Transport;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns observations into verdicts, one per {@link CheckId}, each with its evidence and fix. Pure:
 * the same target, observations and time give the same checks.
 */
public final class DiagnosticsEvaluator {
  static final Duration NOTIFICATION_STALE = Duration.ofDays(7);
  static final Duration RECENT_ADDRESS_CHANGE = Duration.ofDays(30);

  private DiagnosticsEvaluator() {}

  public static List<DiagnosticCheck> evaluate(DiagnosticTarget t, Observations o, Instant now) {
    List<DiagnosticCheck> out = new ArrayList<>();
    out.add(mmsHttps(t));
    out.add(answerAssurance(t));
    out.add(ecrServicePort(t, o.ecrPort()));
    out.add(
        t.rawPort() == null
            ? DiagnosticCheck.skipped(CheckId.TCP_RAW_PORT, "raw TCP (9002) is not configured")
            : tcp(CheckId.TCP_RAW_PORT, o.rawTcpPort()));
    out.add(tls(t, o));
    out.addAll(CertificateChecks.evaluate(t, o.tls(), now));
    out.addAll(EcrChecks.evaluate(t, o));
    out.add(appVersion(t));
    out.add(notifications(o.notifications(), now));
    out.add(AddressChecks.stability(o.addresses(), now, RECENT_ADDRESS_CHANGE));
    return out;
  }

  /**
   * Over plain HTTP or TCP anyone on the LAN can answer for the terminal (ADR 0007): the hub binds
   * each answer to its request, but only TLS proves who answered.
   */
  private static DiagnosticCheck answerAssurance(DiagnosticTarget t) {
    CheckId id = CheckId.ANSWER_ASSURANCE;
    return switch (t.transport()) {
      case HTTPS -> DiagnosticCheck.pass(id, "answers arrive over HTTPS from the pinned terminal");
      case SERIAL -> DiagnosticCheck.pass(id, "answers arrive over the serial cable to the till");
      case CLOUD -> DiagnosticCheck.pass(id, "answers come from QFPay's cloud API over TLS");
      case HTTP, TCP ->
          DiagnosticCheck.warn(
              id,
              "answers arrive over plain "
                  + t.transport()
                  + ": nothing proves the terminal sent them; settlements wait for QFPay's"
                  + " confirmation (confirmedBy terminal_plain)",
              Fixes.USE_HTTPS_FOR_ANSWERS);
    };
  }

  private static DiagnosticCheck mmsHttps(DiagnosticTarget t) {
    CheckId id = CheckId.MMS_HTTPS;
    if (t.transport() != Transport.HTTPS && t.transport() != Transport.HTTP) {
      return DiagnosticCheck.skipped(id, "transport " + t.transport() + " does not use HTTPS");
    }
    if (t.mmsHttps() == null) {
      return DiagnosticCheck.skipped(
          id, "what MMS says is unknown: import the POS Key List to check it");
    }
    boolean hubHttps = t.transport() == Transport.HTTPS;
    if (t.mmsHttps() && hubHttps) {
      return DiagnosticCheck.pass(id, "MMS: Enable Https on; the hub uses HTTPS");
    }
    if (t.mmsHttps()) {
      return DiagnosticCheck.warn(
          id, "MMS: Enable Https on, but the hub uses plain HTTP", Fixes.SET_TRANSPORT_HTTPS);
    }
    if (hubHttps) {
      return DiagnosticCheck.fail(
          id, "MMS: Enable Https off, but the hub uses HTTPS", Fixes.ENABLE_HTTPS);
    }
    return DiagnosticCheck.warn(
        id,
        "MMS: Enable Https off; ECR traffic on the LAN is protected only by AES with a fixed IV",
        "Enable HTTPS: " + Fixes.ENABLE_HTTPS);
  }

  /**
   * The ECR service's port (9001). The hub does not use it for a terminal on raw TCP, so there a
   * closed port only warns: it matters when the terminal is moved to HTTP(S).
   */
  private static DiagnosticCheck ecrServicePort(DiagnosticTarget t, TcpObservation o) {
    DiagnosticCheck c = tcp(CheckId.TCP_ECR_PORT, o);
    if (t.transport() != Transport.TCP || c.status() != CheckStatus.FAIL) {
      return c;
    }
    return DiagnosticCheck.warn(
        CheckId.TCP_ECR_PORT,
        c.evidence()
            + " (the hub drives this terminal over raw TCP on "
            + t.port()
            + ", so only a move to HTTP(S) needs this port)",
        "Before switching this terminal to HTTPS, check that the Haojin app's ECR service"
            + " listens on "
            + t.ecrServicePort()
            + " (its ECR status page) and that no firewall blocks the port.");
  }

  private static DiagnosticCheck tcp(CheckId id, TcpObservation o) {
    if (o == null) {
      return DiagnosticCheck.skipped(id, "not probed");
    }
    if (o.connected()) {
      return DiagnosticCheck.pass(id, "connected to " + o.host() + ":" + o.port());
    }
    return DiagnosticCheck.fail(
        id, o.host() + ":" + o.port() + ": " + o.error(), Fixes.forConnectError(o.error()));
  }

  private static DiagnosticCheck tls(DiagnosticTarget t, Observations o) {
    CheckId id = CheckId.TLS_HANDSHAKE;
    if (t.transport() != Transport.HTTPS && t.transport() != Transport.HTTP) {
      return DiagnosticCheck.skipped(id, "transport " + t.transport() + " does not use TLS");
    }
    TlsObservation tls = o.tls();
    if (tls == null) {
      return DiagnosticCheck.skipped(
          id,
          o.ecrPort() != null && o.ecrPort().connected()
              ? "not probed: no TLS probe is available here"
              : "not probed: the port is not reachable");
    }
    if (t.transport() == Transport.HTTP) {
      if (tls.speaksTls()) {
        return DiagnosticCheck.fail(
            id,
            "the terminal completes TLS on " + t.address() + ", but the hub uses plain HTTP",
            Fixes.SET_TRANSPORT_HTTPS);
      }
      return DiagnosticCheck.pass(id, "no TLS on " + t.address() + ": plain HTTP, as configured");
    }
    if (tls.speaksTls()) {
      return DiagnosticCheck.pass(
          id,
          (tls.result() == TlsObservation.Result.HANDSHAKE_OK
                  ? "handshake completed"
                  : "the terminal speaks TLS (its certificate is checked below)")
              + (tls.detail() == null ? "" : ": " + tls.detail()));
    }
    String evidence =
        switch (tls.result()) {
          case NOT_TLS -> "the terminal does not speak TLS on " + t.address();
          case TIMEOUT -> "no TLS answer from " + t.address() + " in time";
          default -> "TLS failed on " + t.address();
        };
    return DiagnosticCheck.fail(
        id, evidence + (tls.detail() == null ? "" : " (" + tls.detail() + ")"), Fixes.ENABLE_HTTPS);
  }

  private static DiagnosticCheck appVersion(DiagnosticTarget t) {
    CheckId id = CheckId.APP_VERSION;
    AppVersion v = t.appVersion();
    if (v == null) {
      return DiagnosticCheck.skipped(
          id, "version unknown (record it on the terminal; the app shows it in My > About)");
    }
    if (v.supportsHttps()) {
      return DiagnosticCheck.pass(id, "Haojin " + v);
    }
    String evidence = "Haojin " + v + " is older than " + AppVersion.HTTPS_MINIMUM;
    return t.transport() == Transport.HTTPS
        ? DiagnosticCheck.fail(id, evidence, Fixes.UPDATE_APP)
        : DiagnosticCheck.warn(id, evidence + " (no ECR over HTTPS)", Fixes.UPDATE_APP);
  }

  private static DiagnosticCheck notifications(NotificationFacts f, Instant now) {
    CheckId id = CheckId.NOTIFICATIONS;
    if (f == null) {
      return DiagnosticCheck.skipped(
          id, "not known here: notification facts come from the hub's notification intake");
    }
    String urlNote =
        f.notificationUrl() == null
            ? "; the hub's public notification URL is not configured"
            : "; notification URL " + f.notificationUrl();
    String askSupport = askSupport(f);
    if (!f.keyConfigured()) {
      return DiagnosticCheck.warn(
          id,
          "no notification key is configured: notifications cannot be verified" + urlNote,
          askSupport
              + ", and enter the notification key they give you in the hub (ecrhub.notify.keys,"
              + " env ECRHUB_NOTIFY_KEYS, or POST /api/v1/notification-keys).");
    }
    String lastPayment =
        f.lastPaymentAt() == null
            ? ""
            : "; last successful payment on this terminal at " + f.lastPaymentAt();
    if (f.lastVerifiedAt() == null) {
      return DiagnosticCheck.warn(
          id,
          (f.lastPaymentAt() == null
                  ? "key configured; no verified notification received yet for this terminal"
                  : "payments succeeded on this terminal, but no verified notification about them"
                      + " has arrived")
              + lastPayment
              + urlNote,
          askSupport + ", and check that the URL is reachable from the internet.");
    }
    String evidence = "last verified notification for this terminal at " + f.lastVerifiedAt();
    boolean stale = f.lastVerifiedAt().plus(NOTIFICATION_STALE).isBefore(now);
    boolean paidSince = f.lastPaymentAt() != null && f.lastPaymentAt().isAfter(f.lastVerifiedAt());
    if (stale && paidSince) {
      return DiagnosticCheck.warn(
          id,
          "no verified notification in the last "
              + NOTIFICATION_STALE.toDays()
              + " days although payments succeeded since ("
              + evidence
              + lastPayment
              + ")"
              + urlNote,
          "Check that QFPay still sends to "
              + (f.notificationUrl() == null ? "the hub" : f.notificationUrl())
              + ", that it is reachable from the internet and that the notification key is"
              + " current (rejected notifications are listed under GET /api/v1/notifications?status=REJECTED). "
              + askSupport
              + ".");
    }
    return DiagnosticCheck.pass(
        id, evidence + (stale ? " (no payment since)" : "") + lastPayment + urlNote);
  }

  private static String askSupport(NotificationFacts f) {
    if (f.notificationUrl() == null) {
      return "Set ecrhub.notify.public-url (env ECRHUB_NOTIFY_PUBLIC_URL) to the hub's public base"
          + " URL, then ask QFPay technical support (technical.support@qfpay.com) to set the"
          + " notification URL to <public base>"
          + NotificationFacts.NOTIFY_PATH
          + " for this merchant";
    }
    return "Ask QFPay technical support (technical.support@qfpay.com) to set the notification URL"
        + " to "
        + f.notificationUrl()
        + " for this merchant";
  }

  /** Whether the outcome is a complete, decodable answer from the ECR service. */
  static boolean answered(TerminalOutcome o) {
    return o instanceof TerminalOutcome.NotFound
        || o instanceof TerminalOutcome.Approved
        || o instanceof TerminalOutcome.Declined
        || o instanceof TerminalOutcome.Cancelled;
  }
}

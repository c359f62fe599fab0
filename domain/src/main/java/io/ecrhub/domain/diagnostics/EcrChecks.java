package io.ecrhub.domain.diagnostics;

import io.ecrhub.domain.terminal.TerminalHealth;
import io.ecrhub.domain.terminal.TerminalOutcome;
import java.util.List;

/**
 * The ECR service checks: does a query for an order that does not exist come back "not found" (key
 * and encryption match), and is the app logged in.
 */
final class EcrChecks {
  private EcrChecks() {}

  static List<DiagnosticCheck> evaluate(DiagnosticTarget t, Observations o) {
    if (t.posKey() == null) {
      String why = "no POS key given, so no ECR request was sent";
      return List.of(
          DiagnosticCheck.skipped(CheckId.ECR_KEY, why),
          DiagnosticCheck.skipped(CheckId.APP_LOGGED_IN, why));
    }
    TerminalOutcome a = o.ecrAnswer();
    if (a == null) {
      String why = "no ECR request was sent: an earlier check failed";
      return List.of(
          DiagnosticCheck.skipped(CheckId.ECR_KEY, why),
          DiagnosticCheck.skipped(CheckId.APP_LOGGED_IN, why));
    }
    String code = a.rawCode() == null ? "" : " (respcd " + a.rawCode() + ")";
    if (DiagnosticsEvaluator.answered(a)) {
      String evidence =
          (a instanceof TerminalOutcome.NotFound
                  ? "a query for an order that does not exist came back 'not found'"
                  : "the terminal answered a query")
              + code
              + ": key and encryption setting match";
      DiagnosticCheck key =
          t.posKey().isPublishedDefault()
              ? DiagnosticCheck.warn(
                  CheckId.ECR_KEY,
                  evidence + ", but the key is QFPay's published default key",
                  Fixes.NEW_KEY)
              : DiagnosticCheck.pass(CheckId.ECR_KEY, evidence);
      return List.of(key, DiagnosticCheck.pass(CheckId.APP_LOGGED_IN, "the app answered"));
    }
    return switch (a) {
      case TerminalOutcome.KeyMismatch k -> {
        TerminalHealth.Observation f =
            TerminalHealth.interpret(t.transport(), t.encryption(), k).orElseThrow();
        yield List.of(
            DiagnosticCheck.fail(CheckId.ECR_KEY, f.evidence(), f.fix()),
            DiagnosticCheck.skipped(CheckId.APP_LOGGED_IN, "unknown: the key was refused"));
      }
      case TerminalOutcome.LoggedOut l ->
          List.of(
              DiagnosticCheck.skipped(CheckId.ECR_KEY, "unknown while the app is logged out"),
              DiagnosticCheck.fail(
                  CheckId.APP_LOGGED_IN, "the terminal answered 4007: logged out", Fixes.LOG_IN));
      case TerminalOutcome.Busy b ->
          List.of(
              DiagnosticCheck.warn(
                  CheckId.ECR_KEY,
                  "not checked: a transaction is in progress on this terminal",
                  "Run the diagnostics again when the terminal is idle."),
              DiagnosticCheck.skipped(CheckId.APP_LOGGED_IN, "not checked: terminal busy"));
      case TerminalOutcome.NotSent n -> notSent(n);
      case TerminalOutcome.OutcomeUnknown u ->
          List.of(
              DiagnosticCheck.fail(
                  CheckId.ECR_KEY,
                  "the ECR service did not answer completely: " + u.detail(),
                  "The port accepts connections but the app does not answer: " + Fixes.RESTART_APP),
              DiagnosticCheck.skipped(CheckId.APP_LOGGED_IN, "unknown: no answer"));
      case TerminalOutcome.ProtocolError p ->
          List.of(
              DiagnosticCheck.fail(
                  CheckId.ECR_KEY,
                  "the terminal rejected the request's form" + code + ": " + p.message(),
                  "Check that the encryption toggle in MMS matches the hub's setting (hub: "
                      + (t.encryption() ? "on" : "off")
                      + "), then "
                      + Fixes.RESTART_APP),
              DiagnosticCheck.skipped(CheckId.APP_LOGGED_IN, "unknown: request rejected"));
      default -> throw new IllegalStateException("unhandled outcome " + a.getClass());
    };
  }

  private static List<DiagnosticCheck> notSent(TerminalOutcome.NotSent n) {
    String evidence = "request not sent: " + n.cause() + " " + n.detail();
    DiagnosticCheck key =
        n.cause() == TerminalOutcome.NotSentCause.CONFIGURATION
            ? DiagnosticCheck.fail(
                CheckId.ECR_KEY, evidence, "Correct the terminal's configuration in the hub.")
            : DiagnosticCheck.skipped(CheckId.ECR_KEY, evidence + " (see the checks above)");
    return List.of(key, DiagnosticCheck.skipped(CheckId.APP_LOGGED_IN, "unknown: not sent"));
  }
}

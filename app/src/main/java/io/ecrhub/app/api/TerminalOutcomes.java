package io.ecrhub.app.api;

import io.ecrhub.app.web.Problem;
import io.ecrhub.app.web.RetryAfter;
import io.ecrhub.domain.terminal.TerminalOutcome;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HTTP answer to a synchronous terminal request (print): 200 when the terminal did it, else a
 * problem document saying what happened on the wire and what to do.
 */
final class TerminalOutcomes {
  private TerminalOutcomes() {}

  static Response toResponse(TerminalOutcome outcome, String what, String path) {
    return switch (outcome) {
      case TerminalOutcome.Approved a -> {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("result", "DONE");
        body.put("detail", "the terminal accepted the " + what + " request");
        yield Response.ok(body, MediaType.APPLICATION_JSON_TYPE).build();
      }
      case TerminalOutcome.Busy b ->
          RetryAfter.ifBusy(
              "TERMINAL_BUSY",
              problem(409, "TERMINAL_BUSY", "the terminal is busy: " + b.detail(), path));
      case TerminalOutcome.NotSent n ->
          problem(
              503,
              "TERMINAL_UNREACHABLE",
              "the request did not reach the terminal (" + n.cause() + "): " + n.detail(),
              path);
      case TerminalOutcome.OutcomeUnknown u ->
          problem(
              504,
              "TERMINAL_NO_ANSWER",
              "the terminal did not answer in time; check whether it printed: " + u.detail(),
              path);
      case TerminalOutcome.KeyMismatch k ->
          problem(
              502,
              "TERMINAL_KEY_MISMATCH",
              "the terminal refused the POS key or encryption setting (" + k.rawCode() + ")",
              path);
      case TerminalOutcome.LoggedOut l ->
          problem(502, "TERMINAL_LOGGED_OUT", "the Haojin app on the terminal is logged out", path);
      case TerminalOutcome.ProtocolError e ->
          problem(
              502,
              "TERMINAL_PROTOCOL_ERROR",
              "the terminal rejected the request (" + e.rawCode() + "): " + e.message(),
              path);
      case TerminalOutcome.Declined d ->
          problem(
              422,
              "TERMINAL_REFUSED",
              "the terminal refused the " + what + " request: " + d.message(),
              path);
      case TerminalOutcome.NotFound f ->
          problem(422, "NOT_ON_TERMINAL", "the terminal has no record of that transaction", path);
      case TerminalOutcome.Cancelled c ->
          problem(409, "CANCELLED_ON_TERMINAL", "the request was cancelled on the terminal", path);
    };
  }

  private static Response problem(int status, String code, String detail, String path) {
    return Problem.of(status, code, null, detail, path).toResponse();
  }
}

package io.ecrhub.app.web;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Instant;
import java.util.Locale;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem document: a stable machine {@code code}, a human {@code detail}, and the
 * offending {@code field} for validation errors, and the {@code requestId} that the response's
 * {@code X-Request-Id} header and the hub's log lines carry. Never a class name, stack trace or
 * secret.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem document")
@RegisterForReflection
public record Problem(
    @Schema(
            description = "URI identifying the problem type",
            examples = "urn:ecrhub:problem:terminal-busy")
        String type,
    @Schema(description = "HTTP status text", examples = "Conflict") String title,
    @Schema(examples = "409") int status,
    @Schema(description = "What went wrong, for people") String detail,
    @Schema(description = "Stable machine code", examples = "TERMINAL_BUSY") String code,
    @Schema(description = "The request field at fault, for validation errors", examples = "amount")
        String field,
    @Schema(description = "The request path") String instance,
    @Schema(
            description =
                "The request's id, as in the X-Request-Id response header and the hub's log lines",
            examples = "9f2c4e1a7b3d4c5e8f60718293a4b5c6")
        String requestId,
    @Schema(
            description =
                "REFUND_WINDOW_CLOSED only: when QFPay takes refunds again (00:30 Hong Kong"
                    + " time)",
            examples = "2026-12-07T16:30:00Z")
        Instant reopensAt) {

  public static final String MEDIA_TYPE = "application/problem+json";

  /** The same problem saying when the refused operation may be tried again. */
  public Problem reopening(Instant at) {
    return new Problem(type, title, status, detail, code, field, instance, requestId, at);
  }

  public static Problem of(int status, String code, String field, String detail, String path) {
    Response.Status s = Response.Status.fromStatusCode(status);
    String title =
        s != null
            ? s.getReasonPhrase()
            : status == 422 ? "Unprocessable Content" : "HTTP " + status; // RFC 9110 §15.5.21
    String type = "urn:ecrhub:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-');
    return new Problem(type, title, status, detail, code, field, path, RequestIds.current(), null);
  }

  public Response toResponse() {
    return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
  }
}

package io.ecrhub.app.api;

import io.ecrhub.app.events.EventStreams;
import io.ecrhub.app.idempotency.Idempotency;
import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.terminals.TerminalAdmin;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.terminal.PrintOnTerminal;
import io.ecrhub.domain.terminal.Terminal;
import io.ecrhub.domain.terminal.TerminalOutcome;
import io.ecrhub.domain.transaction.Payment;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** What a terminal does besides payments: print, and the stream of its transactions' events. */
@Path("/api/v1/terminals/{id}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "Terminals")
@SecurityRequirement(name = "bearer")
@Authenticated
public class TerminalActionsResource {
  private final TerminalAdmin terminals;
  private final PrintOnTerminal print;
  private final PaymentQueries queries;
  private final EventStreams streams;
  private final CallerContext caller;
  private final Idempotency idempotency;

  @Inject
  public TerminalActionsResource(
      TerminalAdmin terminals,
      PrintOnTerminal print,
      PaymentQueries queries,
      EventStreams streams,
      CallerContext caller,
      Idempotency idempotency) {
    this.idempotency = idempotency;
    this.terminals = terminals;
    this.print = print;
    this.queries = queries;
    this.streams = streams;
    this.caller = caller;
  }

  /** Body of {@code POST /api/v1/terminals/{id}/receipts}. */
  @Schema(name = "ReceiptRequest")
  public record ReceiptRequest(@Schema(required = true) String paymentId) {}

  @POST
  @Path("receipts")
  @Operation(
      operationId = "printReceipt",
      summary = "Print the receipt of a payment made on this terminal (3001)")
  @APIResponse(responseCode = "200", description = "The terminal accepted the print request")
  @APIResponse(
      responseCode = "409",
      description =
          "TERMINAL_BUSY: a payment is in flight; IDEMPOTENCY_CONFLICT: the key was used for"
              + " another print request")
  public Response receipt(
      @PathParam("id") String id,
      ReceiptRequest body,
      @Parameter(description = PaymentResource.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key")
          String idempotencyKey,
      UriInfo uri) {
    Terminal t = visible(id);
    Inputs.requireBody(body);
    Payment p =
        queries.payment(Inputs.paymentInPath(Inputs.required(body.paymentId(), "paymentId")));
    if (!p.terminalId().equals(t.id())) {
      throw new DomainException(
          "PAYMENT_ON_OTHER_TERMINAL", "paymentId", "that payment was made on another terminal");
    }
    if (p.syssn().isEmpty()) {
      throw new DomainException(
          "NOTHING_TO_PRINT",
          "paymentId",
          "the payment has no QFPay transaction (it is " + p.status() + "); nothing to print");
    }
    return idempotency.once(
        "receipt",
        idempotencyKey,
        t.id().value() + "|" + p.id().value(),
        Idempotency.First::response,
        () -> printed(print.printReceipt(t.id(), p.syssn().get()), "receipt", uri));
  }

  @POST
  @Path("summary")
  @Operation(
      operationId = "printSummary",
      summary = "Print the transaction summary on this terminal (3002)")
  @APIResponse(responseCode = "200", description = "The terminal accepted the print request")
  @APIResponse(
      responseCode = "409",
      description = "IDEMPOTENCY_CONFLICT: the key was used for another print request")
  public Response summary(
      @PathParam("id") String id,
      @Parameter(description = PaymentResource.IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key")
          String idempotencyKey,
      UriInfo uri) {
    Terminal t = visible(id);
    return idempotency.once(
        "summary",
        idempotencyKey,
        t.id().value(),
        Idempotency.First::response,
        () -> printed(print.printSummary(t.id()), "summary", uri));
  }

  /**
   * The answer to a print; only a print that may have happened (done, or no answer) keeps its
   * Idempotency-Key: one that provably reached no printer lets a retry with the key print.
   */
  private static Idempotency.Done printed(TerminalOutcome outcome, String what, UriInfo uri) {
    Response r = TerminalOutcomes.toResponse(outcome, what, uri.getRequestUri().getRawPath());
    return outcome instanceof TerminalOutcome.Approved
            || outcome instanceof TerminalOutcome.OutcomeUnknown
        ? Idempotency.Done.acted(r, null)
        : Idempotency.Done.nothingDone(r);
  }

  @GET
  @Path("events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "streamTerminalEvents",
      summary = "Server-Sent Events of every payment and refund state change on this terminal",
      description = "Without Last-Event-ID the stream starts now; with it, it resumes after it.")
  @APIResponse(
      responseCode = "200",
      description = TransactionEventView.STREAM,
      content =
          @Content(
              mediaType = MediaType.SERVER_SENT_EVENTS,
              schema = @Schema(implementation = TransactionEventView.class)))
  @APIResponse(responseCode = "429", description = TransactionEventView.TOO_MANY_STREAMS)
  public void events(
      @PathParam("id") String id,
      @HeaderParam("Last-Event-ID") String lastEventId,
      @Context SseEventSink sink,
      @Context Sse sse) {
    Terminal t = visible(id);
    streams.streamTerminal(t.id(), caller.caller(), Inputs.lastEventId(lastEventId), sink, sse);
  }

  private Terminal visible(String id) {
    Terminal t = terminals.get(Inputs.terminalInPath(id));
    caller.requireTerminal(t);
    return t;
  }
}

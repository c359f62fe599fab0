package io.ecrhub.app.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.events.EventStreams;
import io.ecrhub.app.idempotency.Idempotency;
import io.ecrhub.app.payments.PaymentDirectory;
import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.terminals.TerminalAdmin;
import io.ecrhub.app.web.PageView;
import io.ecrhub.app.web.Paging;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.shared.Money;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Channel;
import io.ecrhub.domain.terminal.TerminalId;
import io.ecrhub.domain.transaction.CancelPayment;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.PaymentId;
import io.ecrhub.domain.transaction.ReconcileInFlight;
import io.ecrhub.domain.transaction.Refund;
import io.ecrhub.domain.transaction.RefundId;
import io.ecrhub.domain.transaction.RefundPayment;
import io.ecrhub.domain.transaction.RefundRoute;
import io.ecrhub.domain.transaction.StartPayment;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.sse.Sse;
import jakarta.ws.rs.sse.SseEventSink;
import java.net.URI;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/** Payments: start one on a terminal, follow it, cancel it, refund it. */
@Path("/api/v1/payments")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
public class PaymentResource {
  static final String IDEMPOTENCY_KEY =
      "Optional. Makes retries safe: the same key (per API key) and request return the first"
          + " answer without asking the terminal again; another request under it is 409 (1-100"
          + " chars)";
  private static final Logger LOG = Logger.getLogger(PaymentResource.class);

  @Inject StartPayment start;
  @Inject CancelPayment cancel;
  @Inject ReconcileInFlight reconciler;
  @Inject RefundPayment refund;
  @Inject PaymentQueries queries;

  /** The answer of a hub instance that drains on shutdown (ADR 0024). */
  private static final String DRAINING =
      "HUB_DRAINING: this instance is shutting down; retry after Retry-After (another instance"
          + " takes it)";

  @Inject TerminalAdmin terminals;
  @Inject EventStreams streams;
  @Inject CallerContext caller;
  @Inject HubConfig config;
  @Inject Idempotency idempotency;

  @Authenticated
  @POST
  @Operation(
      operationId = "createPayment",
      summary = "Start a payment on a terminal",
      description =
          "Answers 202 once the payment is recorded and sent; follow it with GET or the events"
              + " stream. The same Idempotency-Key with the same body returns the same payment.")
  @APIResponse(
      responseCode = "202",
      description = "Accepted: the terminal is asking for payment",
      content = @Content(schema = @Schema(implementation = PaymentViews.View.class)))
  @APIResponse(responseCode = "409", description = "TERMINAL_BUSY or IDEMPOTENCY_CONFLICT")
  @APIResponse(responseCode = "422", description = "e.g. CHANNEL_NOT_SUPPORTED on a PAX A920")
  @APIResponse(responseCode = "503", description = DRAINING)
  public Response create(
      PaymentViews.Create body,
      @Parameter(description = "Makes retries safe: same key and body, same payment (1-100 chars)")
          @HeaderParam("Idempotency-Key")
          String idempotencyKey,
      UriInfo uri) {
    Inputs.requireBody(body);
    TerminalId terminalId = TerminalId.of(Inputs.required(body.terminalId(), "terminalId"));
    caller.requireTerminal(terminalId, terminals::get);
    Money amount =
        Money.of(
            Inputs.required(body.amount(), "amount"), Inputs.required(body.currency(), "currency"));
    Channel channel = Channel.fromWire(Inputs.required(body.channel(), "channel"));
    Payment p =
        start.start(
            new StartPayment.Command(
                terminalId, amount, channel, body.reference(), idempotency.scoped(idempotencyKey)));
    logged(p, "payment accepted: " + p.amount() + " " + p.channel().wire() + " " + p.status());
    return accepted(uri.getBaseUriBuilder().path("api/v1/payments").path(p.id().value()).build())
        .entity(PaymentViews.View.of(p))
        .build();
  }

  @Authenticated
  @GET
  @Operation(
      operationId = "listPayments",
      summary = "List payments in the key's scope, newest first",
      description =
          "Filters combine (and). Payments on terminals outside the key's scope are never listed."
              + " One indexed query per page (V2, V69). A bad filter is 400: INVALID_TIME,"
              + " INVALID_STATUS, INVALID_STORE_ID, INVALID_CURRENCY, INVALID_AMOUNT, INVALID_RANGE"
              + " (from not before to, minAmount above maxAmount), INVALID_LIMIT, INVALID_CURSOR.")
  public PageView<PaymentViews.View> list(
      @BeanParam PaymentFilterQuery filters,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    PaymentDirectory.Criteria criteria = filters.checked(caller, queries, config);
    Page<Payment> page =
        queries.list(
            criteria,
            caller.caller().scope(),
            Paging.cursor(cursor),
            Paging.limit(limit, config.api()));
    return new PageView<>(
        page.items().stream().map(PaymentViews.View::of).toList(), page.nextCursor());
  }

  @Authenticated
  @GET
  @Path("{id}")
  @Operation(operationId = "getPayment", summary = "One payment")
  @APIResponse(
      responseCode = "200",
      description = "The payment",
      content = @Content(schema = @Schema(implementation = PaymentViews.View.class)))
  @APIResponse(responseCode = "404", description = "No such payment")
  public PaymentViews.View get(@PathParam("id") String id) {
    return PaymentViews.View.of(visible(id));
  }

  @Authenticated
  @POST
  @Path("{id}/cancel")
  @Operation(
      operationId = "cancelPayment",
      summary = "Cancel a payment",
      description =
          "Sends the terminal a cancel request (5001); the payment ends CANCELLED, or in whatever"
              + " state the terminal really reached.")
  @APIResponse(
      responseCode = "202",
      description = "The terminal took the cancel request",
      content = @Content(schema = @Schema(implementation = PaymentViews.View.class)))
  @APIResponse(
      responseCode = "409",
      description =
          "PAYMENT_NOT_CANCELLABLE: already final; IDEMPOTENCY_CONFLICT: the key was used for"
              + " another request")
  public Response cancel(
      @PathParam("id") String id,
      @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key")
          String idempotencyKey) {
    PaymentId target = visible(id).id();
    return idempotency.once(
        "cancel",
        idempotencyKey,
        target.value(),
        first -> accepted(null).entity(PaymentViews.View.of(visible(first.resourceId()))).build(),
        () -> {
          Payment p = cancel.cancel(target);
          logged(p, "cancel requested; payment is " + p.status());
          return Idempotency.Done.acted(
              accepted(null).entity(PaymentViews.View.of(p)).build(), p.id().value());
        });
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @POST
  @Path("{id}/reconcile")
  @Operation(
      operationId = "reconcilePayment",
      summary = "Query the terminal now for a payment whose outcome is not known (admin)",
      description =
          "For an UNKNOWN payment (or one left IN_PROGRESS by a crash) the hub asks the terminal"
              + " at once instead of waiting for the next scheduled attempt. The state changes only"
              + " on a definite answer; nothing is ever re-sent. Other payments are returned as is.")
  @APIResponse(responseCode = "200", description = "The payment after the query")
  @APIResponse(responseCode = "403", description = "Not an admin")
  public PaymentViews.View reconcile(@PathParam("id") String id) {
    Payment p = reconciler.reconcileNow(visible(id).id());
    logged(p, "operator forced a terminal query; payment is " + p.status());
    return PaymentViews.View.of(p);
  }

  @Authenticated
  @POST
  @Path("{id}/refunds")
  @Operation(
      operationId = "createRefund",
      summary =
          "Refund a payment through its terminal or QFPay's cloud (full when no amount is given)",
      description =
          "route auto (default) takes the terminal when it is reachable and its same-day card"
              + " rules allow the refund, QFPay's cloud otherwise; a cloud refund is answered"
              + " before this returns (SUCCEEDED, or UNKNOWN without an answer: reconciliation"
              + " queries it, it is never sent again).")
  @APIResponse(
      responseCode = "202",
      description =
          "The refund was sent: to the terminal (IN_PROGRESS, follow it) or through the cloud",
      content = @Content(schema = @Schema(implementation = PaymentViews.RefundView.class)))
  @APIResponse(
      responseCode = "400",
      description = "INVALID_REFUND_ROUTE: route is not auto, terminal or cloud")
  @APIResponse(
      responseCode = "422",
      description =
          "A refund the chosen route cannot do (code and explanation in the problem), e.g."
              + " CARD_REFUND_NOT_SAME_DAY, CLOUD_NOT_CONFIGURED, or QFPay's refusals:"
              + " REFUND_WINDOW_CLOSED (with reopensAt), REFUND_INSUFFICIENT_BALANCE,"
              + " PARTIAL_REFUND_NOT_ALLOWED, REFUND_EXCEEDS_REFUNDABLE, NOT_IN_CLOUD,"
              + " CLOUD_REFUND_DECLINED")
  @APIResponse(
      responseCode = "409",
      description = "IDEMPOTENCY_CONFLICT: the key was used for another refund request")
  @APIResponse(
      responseCode = "503",
      description =
          DRAINING + "; or CLOUD_UNREACHABLE: QFPay's cloud was not reached; nothing was sent")
  public Response refund(
      @PathParam("id") String id,
      PaymentViews.RefundCreate body,
      @Parameter(description = IDEMPOTENCY_KEY) @HeaderParam("Idempotency-Key")
          String idempotencyKey,
      UriInfo uri) {
    Payment p = visible(id);
    Money amount =
        body == null || body.amount() == null
            ? null
            : Money.of(
                body.amount(),
                body.currency() == null
                    ? p.amount().currency().getCurrencyCode()
                    : body.currency());
    RefundRoute.Choice route = RefundRoute.Choice.parse(body == null ? null : body.route());
    return idempotency.once(
        "refund",
        idempotencyKey,
        p.id().value()
            + "|"
            + (amount == null ? "full" : amount.toString())
            + (route == RefundRoute.Choice.AUTO ? "" : "|" + route),
        first -> refundAccepted(queries.refund(new RefundId(first.resourceId())), uri),
        () -> {
          Refund r = refund.refund(new RefundPayment.Command(p.id(), amount, route));
          logged(
              p,
              "refund "
                  + r.id()
                  + " of "
                  + r.amount()
                  + " via "
                  + r.route().map(RefundRoute::wire).orElse("?")
                  + " is "
                  + r.status());
          return Idempotency.Done.acted(refundAccepted(r, uri), r.id().value());
        });
  }

  private static Response refundAccepted(Refund r, UriInfo uri) {
    return accepted(uri.getBaseUriBuilder().path("api/v1/refunds").path(r.id().value()).build())
        .entity(PaymentViews.RefundView.of(r))
        .build();
  }

  @Authenticated
  @GET
  @Path("{id}/refunds")
  @Operation(operationId = "listRefunds", summary = "The refunds of a payment, oldest first")
  public List<PaymentViews.RefundView> refunds(@PathParam("id") String id) {
    Payment p = visible(id);
    return queries.refundsOf(p.id()).stream().map(PaymentViews.RefundView::of).toList();
  }

  @Authenticated
  @GET
  @Path("{id}/events")
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @Operation(
      operationId = "streamPaymentEvents",
      summary = "Server-Sent Events of every state change of the payment and its refunds",
      description = "The event id is a sequence number: reconnect with Last-Event-ID to resume.")
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
    Payment p = visible(id);
    Long last = Inputs.lastEventId(lastEventId);
    streams.streamPayment(
        p.id(), p.terminalId(), caller.caller(), last == null ? 0 : last, sink, sse);
  }

  private Payment visible(String id) {
    return Covered.payment(caller, queries, id);
  }

  private static Response.ResponseBuilder accepted(URI location) {
    Response.ResponseBuilder b = Response.status(Response.Status.ACCEPTED);
    return location == null ? b : b.location(location);
  }

  private static void logged(Payment p, String message) {
    MDC.put("paymentId", p.id().value());
    MDC.put("terminalId", p.terminalId().value());
    try {
      LOG.info(message);
    } finally {
      MDC.remove("paymentId");
      MDC.remove("terminalId");
    }
  }
}

package io.ecrhub.app.api;

import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.CallerContext;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Refunds by id (they are created under their payment). */
@Path("/api/v1/refunds")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
@Authenticated
public class RefundResource {
  private final PaymentQueries queries;
  private final CallerContext caller;

  @Inject
  public RefundResource(PaymentQueries queries, CallerContext caller) {
    this.queries = queries;
    this.caller = caller;
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getRefund", summary = "One refund")
  @APIResponse(
      responseCode = "200",
      description = "The refund",
      content = @Content(schema = @Schema(implementation = PaymentViews.RefundView.class)))
  @APIResponse(responseCode = "404", description = "No such refund")
  public PaymentViews.RefundView get(@PathParam("id") String id) {
    return PaymentViews.RefundView.of(Covered.refund(caller, queries, id));
  }
}

package io.ecrhub.app.api;

import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.ReconcileSchedule;
import io.ecrhub.domain.transaction.ReconcileSources;
import io.ecrhub.domain.transaction.TransactionStatus;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Where the hub stands in settling a payment whose outcome is not known: how often it asked the
 * terminal and when it asks next. Read-only; {@code POST /api/v1/payments/{id}/reconcile} forces a
 * query now.
 */
@Path("/api/v1/payments/{id}/reconciliation")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
@Authenticated
public class ReconciliationResource {
  private final PaymentQueries queries;
  private final CallerContext caller;
  private final Clock clock;

  @Inject
  public ReconciliationResource(PaymentQueries queries, CallerContext caller, Clock clock) {
    this.queries = queries;
    this.caller = caller;
    this.clock = clock;
  }

  /** The reconciliation state of one payment. */
  @Schema(name = "PaymentReconciliation")
  public record View(
      String paymentId,
      String status,
      @Schema(description = "True while the outcome is not known (UNKNOWN or IN_PROGRESS)")
          boolean open,
      @Schema(description = "Terminal queries made so far about this payment")
          int reconcileAttempts,
      @Schema(
              description =
                  "When the hub queries the terminal next on its own; null when it does not (the"
                      + " payment is settled, or 24 h of attempts are over)")
          Instant nextAttemptAt,
      @Schema(
              description =
                  "True when the 24 h of automatic queries are over and an operator must settle"
                      + " the payment")
          boolean givenUp,
      @Schema(description = "When the request went to the terminal") Instant sentAt,
      @Schema(
              description =
                  "Which sources the latest reconciliation attempt (or cloud confirmation) asked"
                      + " (terminal, cloud) and what each said")
          List<SourceAnswer> sources) {

    static View of(Payment p, Instant now) {
      boolean open =
          p.status() == TransactionStatus.UNKNOWN || p.status() == TransactionStatus.IN_PROGRESS;
      boolean givenUp =
          open && p.sentAt().map(sent -> ReconcileSchedule.givenUp(sent, now)).orElse(false);
      return new View(
          p.id().value(),
          p.status().name(),
          open,
          p.reconcileAttempts(),
          open ? p.nextReconcileAt().orElse(null) : null,
          givenUp,
          p.sentAt().orElse(null),
          ReconcileSources.parse(p.lifecycle().reconcileSources().orElse(null)).stream()
              .map(s -> new SourceAnswer(s.source(), s.answer()))
              .toList());
    }
  }

  /** One source the hub asked about the payment, and what it said. */
  @Schema(name = "ReconciliationSource")
  public record SourceAnswer(
      @Schema(description = "terminal or cloud") String source,
      @Schema(description = "What it said, in words") String answer) {}

  @GET
  @Operation(
      operationId = "getPaymentReconciliation",
      summary = "How the hub is settling a payment whose outcome is not known",
      description =
          "Attempts so far and the time of the next automatic terminal query. Any caller who may"
              + " see the payment may read it.")
  @APIResponse(responseCode = "200", description = "The reconciliation state")
  @APIResponse(responseCode = "404", description = "No such payment")
  public View get(@PathParam("id") String id) {
    Payment p = Covered.payment(caller, queries, id);
    return View.of(p, clock.instant());
  }
}

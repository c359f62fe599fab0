package io.ecrhub.app.api;

import io.ecrhub.app.cloud.QfpayCloudAccounts;
import io.ecrhub.app.payments.PaymentQueries;
import io.ecrhub.app.payments.PaymentTrail;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.domain.transaction.ConfirmedBy;
import io.ecrhub.domain.transaction.Payment;
import io.ecrhub.domain.transaction.ReconcileSources;
import io.quarkus.security.Authenticated;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The reconciliation trail of a payment: which sources spoke about it (the terminal, QFPay's signed
 * notifications, QFPay's cloud) and what each said, with every state change and its reason, plus
 * the refund routes this hub offers. Read-only, for anyone who may see the payment.
 */
@Path("/api/v1/payments/{id}/trail")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Payments")
@SecurityRequirement(name = "bearer")
@Authenticated
public class PaymentTrailResource {
  /** Notifications and state changes listed at most (a payment has a handful). */
  static final int LIMIT = 200;

  private final PaymentQueries queries;
  private final PaymentTrail trail;
  private final CallerContext caller;
  private final QfpayCloudAccounts cloud;

  @Inject
  public PaymentTrailResource(
      PaymentQueries queries, PaymentTrail trail, CallerContext caller, QfpayCloudAccounts cloud) {
    this.queries = queries;
    this.trail = trail;
    this.caller = caller;
    this.cloud = cloud;
  }

  /** The trail of one payment. */
  @Schema(name = "PaymentTrail")
  public record View(
      String paymentId,
      String status,
      @Schema(
              description =
                  "What vouches for the settlement: terminal_tls, terminal_plain, terminal_serial,"
                      + " notification, query or cloud; null while not settled")
          String confirmedBy,
      @Schema(description = "True while the settlement waits for QFPay's signed notification")
          boolean confirmationPending,
      @Schema(description = "Terminal (and cloud) queries made so far about this payment")
          int reconcileAttempts,
      @Schema(
              description =
                  "What each source said on the latest reconciliation attempt (or cloud"
                      + " confirmation): terminal, cloud")
          List<ReconciliationResource.SourceAnswer> asked,
      @Schema(
              description =
                  "Signed QFPay notifications about the payment or its refunds, oldest first"
                      + " (rejected ones, with a bad signature, are left out)")
          List<Notification> notifications,
      @Schema(description = "Every state change of the payment and its refunds, oldest first")
          List<Change> changes,
      @Schema(
              description =
                  "The refund routes this hub offers (createRefund's route): auto and terminal"
                      + " always, cloud when a QFPay cloud account is configured")
          List<String> refundRoutes) {}

  /** A notification QFPay sent about the payment. */
  @Schema(name = "TrailNotification")
  public record Notification(
      String id,
      Instant receivedAt,
      @Schema(description = "PAYMENT, REFUND or PREAUTH_RELEASE") String kind,
      @Schema(
              description =
                  "What the hub did with it: VERIFIED, APPLIED, PARKED (its transaction not known"
                      + " yet), REVIEW (it disagreed with the hub), IGNORED")
          String status,
      @Schema(description = "QFPay's transaction id it carried") String syssn,
      @Schema(description = "The hub's note on it, in words") String note) {}

  /** A state change of the payment or one of its refunds. */
  @Schema(name = "TrailChange")
  public record Change(
      long id,
      Instant at,
      @Schema(description = "Set when the change is a refund's") String refundId,
      String from,
      String to,
      String type,
      @Schema(description = "Why, in words (which source answered)") String reason) {}

  @GET
  @Operation(
      operationId = "getPaymentTrail",
      summary = "Which sources the hub asked or heard about a payment, and what each said",
      description =
          "The terminal and QFPay's cloud (the latest reconciliation attempt), QFPay's signed"
              + " notifications, and every state change with its reason; at most 200 of each.")
  @APIResponse(responseCode = "200", description = "The trail")
  @APIResponse(responseCode = "404", description = "PAYMENT_NOT_FOUND")
  public View get(@PathParam("id") String id) {
    Payment p = Covered.payment(caller, queries, id);
    List<Notification> heard =
        trail
            .notifications(
                p.outTradeNo().value(), p.syssn().map(s -> s.value()).orElse(null), LIMIT)
            .stream()
            .map(
                n ->
                    new Notification(
                        n.id(), n.receivedAt(), n.kind(), n.status(), n.syssn(), n.note()))
            .toList();
    List<Change> changes =
        trail.changes(p.id().value(), LIMIT).stream()
            .map(
                c ->
                    new Change(
                        c.id(), c.at(), c.refundId(), c.from(), c.to(), c.type(), c.reason()))
            .toList();
    List<String> routes = new ArrayList<>(List.of("auto", "terminal"));
    if (cloud.ledger().isPresent()) {
      routes.add("cloud");
    }
    return new View(
        p.id().value(),
        p.status().name(),
        p.confirmedBy().map(ConfirmedBy::key).orElse(null),
        p.confirmationPending(),
        p.reconcileAttempts(),
        ReconcileSources.parse(p.lifecycle().reconcileSources().orElse(null)).stream()
            .map(s -> new ReconciliationResource.SourceAnswer(s.source(), s.answer()))
            .toList(),
        heard,
        changes,
        routes);
  }
}

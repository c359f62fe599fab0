package io.ecrhub.app.notify.api;

import io.ecrhub.app.notify.NotifyConfig;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.web.PageView;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.notification.delivery.DeliveryFormat;
import io.ecrhub.domain.notification.delivery.DeliveryOutbox;
import io.ecrhub.domain.notification.delivery.DeliveryReplay;
import io.ecrhub.domain.notification.delivery.DeliveryStatus;
import io.ecrhub.domain.notification.delivery.EventFilter;
import io.ecrhub.domain.notification.delivery.OutboxMessage;
import io.ecrhub.domain.notification.delivery.Subscription;
import io.ecrhub.domain.notification.delivery.Subscriptions;
import io.ecrhub.domain.notification.delivery.WebhookPing;
import io.ecrhub.domain.notification.delivery.WebhookSecret;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.shared.ValidationException;
import io.ecrhub.notify.delivery.StandardWebhookSigner;
import io.ecrhub.notify.delivery.TargetGuard;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.net.URISyntaxException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Downstream delivery for admins: subscriptions, secret rotation, a test ping, the delivery log,
 * manual and bulk replay.
 */
@Path("/api/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "Webhooks")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.UNSCOPED_ADMIN)
public class WebhookAdminResource {
  private final Subscriptions subscriptions;
  private final DeliveryOutbox outbox;
  private final DeliveryReplay replay;
  private final WebhookPing ping;
  private final Duration secretOverlap;
  private final TargetGuard guard;
  private final CallerContext caller;
  private final IdGenerator ids;
  private final Clock clock;
  private final SecureRandom random = new SecureRandom();

  @Inject
  public WebhookAdminResource(
      Subscriptions subscriptions,
      DeliveryOutbox outbox,
      DeliveryReplay replay,
      WebhookPing ping,
      NotifyConfig config,
      TargetGuard guard,
      CallerContext caller,
      IdGenerator ids,
      Clock clock) {
    this.subscriptions = subscriptions;
    this.outbox = outbox;
    this.replay = replay;
    this.ping = ping;
    this.secretOverlap = config.delivery().secretOverlap();
    this.guard = guard;
    this.caller = caller;
    this.ids = ids;
    this.clock = clock;
  }

  @GET
  @Path("/subscriptions")
  @Operation(
      operationId = "listWebhookSubscriptions",
      summary = "List subscriptions (admin; secrets never shown)")
  public List<WebhookViews.SubscriptionView> listSubscriptions() {
    subscriptions.invalidate();
    return subscriptions.list().stream()
        .map(s -> WebhookViews.SubscriptionView.of(s, null))
        .toList();
  }

  @POST
  @Path("/subscriptions")
  @Operation(
      operationId = "createWebhookSubscription",
      summary = "Subscribe a URL (admin)",
      description =
          "format qfpay: the QFPay body re-signed with secret (the consumer's notification key);"
              + " format hub-events: Standard Webhooks, secret whsec_… or omitted to be generated"
              + " (shown once). Loopback/private targets need allowPrivateTarget=true.")
  public Response subscribe(WebhookViews.NewSubscription body, UriInfo uri) {
    if (body == null) {
      throw new ValidationException("INVALID_BODY", null, "the request body must be a JSON object");
    }
    DeliveryFormat format = DeliveryFormat.fromWire(body.format());
    URI target = target(body.target());
    boolean allowPrivate = Boolean.TRUE.equals(body.allowPrivateTarget());
    guard.check(target, allowPrivate);
    String generated = null;
    WebhookSecret secret;
    if (body.secret() == null && format == DeliveryFormat.HUB_EVENTS) {
      secret = StandardWebhookSigner.generate(random);
      generated = secret.reveal();
    } else {
      ValidationException.require(
          body.secret() != null,
          "INVALID_SECRET",
          "secret",
          "secret is required for the qfpay format: the notification key the consumer checks");
      secret = WebhookSecret.of(body.secret());
      if (format == DeliveryFormat.HUB_EVENTS) {
        StandardWebhookSigner.keyBytes(secret);
      }
    }
    Subscription s =
        new Subscription(
            "sub_" + ids.next(),
            target,
            new EventFilter(body.events() == null ? java.util.Set.of() : body.events()),
            format,
            secret,
            allowPrivate,
            body.active() == null || body.active(),
            body.description(),
            clock.instant());
    subscriptions.save(s);
    return Response.created(uri.getAbsolutePathBuilder().path(s.id()).build())
        .entity(WebhookViews.SubscriptionView.of(s, generated))
        .build();
  }

  @GET
  @Path("/subscriptions/{id}")
  @Operation(operationId = "getWebhookSubscription", summary = "One subscription (admin)")
  public WebhookViews.SubscriptionView getSubscription(@PathParam("id") String id) {
    return WebhookViews.SubscriptionView.of(subscription(id), null);
  }

  @PATCH
  @Path("/subscriptions/{id}")
  @Operation(
      operationId = "updateWebhookSubscription",
      summary = "Change, pause or resume a subscription (admin)")
  public WebhookViews.SubscriptionView update(
      @PathParam("id") String id, WebhookViews.UpdateSubscription body) {
    if (body == null) {
      throw new ValidationException("INVALID_BODY", null, "the request body must be a JSON object");
    }
    Subscription s = subscription(id);
    URI target = body.target() == null ? s.target() : target(body.target());
    boolean allowPrivate =
        body.allowPrivateTarget() == null ? s.allowPrivateTarget() : body.allowPrivateTarget();
    guard.check(target, allowPrivate);
    // a secret set here signs alone at once; rotate-secret is the way with an overlap
    Subscription base = body.secret() == null ? s : s.withSecret(WebhookSecret.of(body.secret()));
    if (s.format() == DeliveryFormat.HUB_EVENTS) {
      StandardWebhookSigner.keyBytes(base.secret());
    }
    Subscription changed =
        new Subscription(
            s.id(),
            target,
            body.events() == null ? s.events() : new EventFilter(body.events()),
            s.format(),
            base.secret(),
            allowPrivate,
            body.active() == null ? s.active() : body.active(),
            body.description() == null ? s.description() : body.description(),
            s.createdAt(),
            base.previousSecret(),
            base.previousSecretUntil());
    subscriptions.save(changed);
    return WebhookViews.SubscriptionView.of(changed, null);
  }

  @DELETE
  @Path("/subscriptions/{id}")
  @Operation(
      operationId = "deleteWebhookSubscription",
      summary = "Remove a subscription; its pending messages are dead-lettered (admin)")
  public Response unsubscribe(@PathParam("id") String id) {
    if (!subscriptions.delete(id)) {
      throw new NotFoundException("SUBSCRIPTION_NOT_FOUND", "no subscription " + id);
    }
    return Response.noContent().build();
  }

  @POST
  @Path("/subscriptions/{id}/test")
  @Operation(
      operationId = "testWebhookSubscription",
      summary = "Send a webhook.test ping to a subscription now (admin)",
      description =
          "Signed and sent like any delivery, once, whatever the event filter; the outcome is"
              + " the answer (200 whether or not the consumer accepted it: see success) and is"
              + " logged as a delivery of type webhook.test.")
  public WebhookViews.TestResult test(@PathParam("id") String id) {
    return WebhookViews.TestResult.of(ping.ping(id));
  }

  @POST
  @Path("/subscriptions/{id}/rotate-secret")
  @Operation(
      operationId = "rotateWebhookSecret",
      summary = "Replace a hub-events subscription's secret, keeping the old one for an overlap",
      description =
          "Generates a new whsec_ secret, shown once in the answer. Until"
              + " previousSecretExpiresAt (ecrhub.notify.delivery.secret-overlap later) each"
              + " delivery carries a signature by the new and one by the old secret; then only"
              + " the new one. qfpay-format subscriptions: 422 SECRET_ROTATION_UNSUPPORTED.")
  @Transactional // read and rotate in one transaction
  public WebhookViews.SubscriptionView rotateSecret(@PathParam("id") String id) {
    WebhookSecret fresh = StandardWebhookSigner.generate(random);
    Subscription rotated =
        subscriptions.save(subscription(id).rotated(fresh, clock.instant(), secretOverlap));
    return WebhookViews.SubscriptionView.of(rotated, fresh.reveal());
  }

  @GET
  @Path("/deliveries")
  @Operation(
      operationId = "listWebhookDeliveries",
      summary = "The delivery log, newest first (admin)")
  public PageView<WebhookViews.DeliveryView> deliveries(
      @QueryParam("status") String status,
      @QueryParam("subscriptionId") String subscriptionId,
      @QueryParam("cursor") String cursor,
      @QueryParam("limit") String limit) {
    DeliveryStatus st = NotifyPaging.enumOf(DeliveryStatus.class, status, "status");
    Page<OutboxMessage> page =
        outbox.list(
            st,
            NotifyPaging.blankToNull(subscriptionId),
            NotifyPaging.blankToNull(cursor),
            NotifyPaging.limit(limit));
    return new PageView<>(
        page.items().stream().map(WebhookViews.DeliveryView::of).toList(), page.nextCursor());
  }

  @GET
  @Path("/deliveries/{id}")
  @Operation(
      operationId = "getWebhookDelivery",
      summary = "One delivery with its body and every attempt (admin)")
  @Transactional // the message and its attempts as of one moment
  public WebhookViews.DeliveryDetail delivery(@PathParam("id") String id) {
    return outbox
        .findById(id)
        .map(m -> WebhookViews.DeliveryDetail.of(m, outbox.attempts(id)))
        .orElseThrow(() -> new NotFoundException("DELIVERY_NOT_FOUND", "no delivery " + id));
  }

  @POST
  @Path("/deliveries/{id}/replay")
  @Operation(
      operationId = "replayWebhookDelivery",
      summary = "Send a dead-lettered or delivered message again (admin)")
  public WebhookViews.DeliveryView replayOne(@PathParam("id") String id) {
    return WebhookViews.DeliveryView.of(replay.replay(id));
  }

  @POST
  @Path("/deliveries/replay")
  @Operation(
      operationId = "replayDeadWebhookDeliveries",
      summary = "Replay dead-lettered messages in bulk, optionally of one subscription (admin)")
  public WebhookViews.Replayed replayDeadLetters(
      @QueryParam("subscriptionId") String subscriptionId, @QueryParam("limit") String limit) {
    int max = limit == null || limit.isBlank() ? 1000 : NotifyPaging.limit(limit);
    return new WebhookViews.Replayed(
        replay.replayDeadLetters(NotifyPaging.blankToNull(subscriptionId), max));
  }

  private Subscription subscription(String id) {
    return subscriptions
        .findById(id)
        .orElseThrow(
            () -> new NotFoundException("SUBSCRIPTION_NOT_FOUND", "no subscription " + id));
  }

  private static URI target(String text) {
    ValidationException.require(
        text != null && !text.isBlank(), "INVALID_TARGET", "target", "target URL is required");
    try {
      URI u = new URI(text.trim());
      Subscription.checkTarget(u);
      return u;
    } catch (URISyntaxException e) {
      throw new ValidationException("INVALID_TARGET", "target", "target is not a valid URL");
    }
  }
}

package io.ecrhub.app.notify.api;

import io.ecrhub.app.notify.KeyRingHolder;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.domain.notification.NotificationKeys;
import io.ecrhub.domain.shared.DomainException;
import io.ecrhub.domain.shared.IdGenerator;
import io.ecrhub.domain.shared.NotFoundException;
import io.ecrhub.domain.shared.ValidationException;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Notification keys for admins: add (sealed at rest), list (never the key), remove. Old and new
 * keys may be active together during a rotation.
 */
@Path("/api/v1/notification-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "Notifications")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.UNSCOPED_ADMIN)
public class NotificationKeyResource {
  private final NotificationKeys keys;
  private final KeyRingHolder ring;
  private final CallerContext caller;
  private final IdGenerator ids;
  private final Clock clock;

  @Inject
  public NotificationKeyResource(
      NotificationKeys keys,
      KeyRingHolder ring,
      CallerContext caller,
      IdGenerator ids,
      Clock clock) {
    this.keys = keys;
    this.ring = ring;
    this.caller = caller;
    this.ids = ids;
    this.clock = clock;
  }

  @GET
  @Operation(
      operationId = "listNotificationKeys",
      summary = "List notification keys (ids and routes only; admin)")
  public List<NotificationViews.Key> list() {
    List<NotificationViews.Key> out = new ArrayList<>();
    for (String id : ring.configuredKeyIds()) {
      out.add(
          new NotificationViews.Key(
              id, List.of(), "from ecrhub.notify.keys", Instant.EPOCH, "config"));
    }
    keys.all()
        .forEach(
            k ->
                out.add(
                    new NotificationViews.Key(
                        k.id(), List.copyOf(k.routes()), k.description(), k.createdAt(), "admin")));
    return out;
  }

  @POST
  @Operation(
      operationId = "addNotificationKey",
      summary = "Add a notification key (admin); the key is sealed and never returned")
  public Response add(NotificationViews.NewKey body, UriInfo uri) {
    if (body == null) {
      throw new ValidationException("INVALID_BODY", null, "the request body must be a JSON object");
    }
    NotificationKey key = NotificationKey.of(body.key());
    String id = body.id() == null || body.id().isBlank() ? "key_" + ids.next() : body.id().trim();
    ValidationException.require(
        id.matches("[a-z0-9_-]{1,64}") && !id.startsWith("config-"),
        "INVALID_KEY_ID",
        "id",
        "id must be 1-64 of a-z, 0-9, _ or - and must not start with config-");
    Set<String> routes = body.routes() == null ? Set.of() : Set.copyOf(body.routes());
    for (String r : routes) {
      ValidationException.require(
          r != null && r.matches("[A-Za-z0-9_.-]{1,64}"),
          "INVALID_ROUTE",
          "routes",
          "routes are 1-64 of letters, digits, _ . - (a merchant / app code or out_trade_no prefix)");
    }
    ValidationException.require(
        body.description() == null || body.description().length() <= 200,
        "INVALID_DESCRIPTION",
        "description",
        "description must be at most 200 characters");
    Instant now = clock.instant();
    insertNew(new NotificationKeys.StoredKey(id, key, routes, body.description(), now));
    ring.reload(); // after the commit: the ring reads the stored keys
    return Response.created(uri.getAbsolutePathBuilder().path(id).build())
        .entity(
            new NotificationViews.Key(id, List.copyOf(routes), body.description(), now, "admin"))
        .build();
  }

  /** Stores a key under an id not taken yet, in one transaction that commits on return. */
  @Transactional
  void insertNew(NotificationKeys.StoredKey key) {
    if (keys.exists(key.id())) {
      throw new DomainException("KEY_EXISTS", "id", "a notification key " + key.id() + " exists");
    }
    keys.insert(key);
  }

  @DELETE
  @Path("/{id}")
  @Operation(operationId = "deleteNotificationKey", summary = "Remove a notification key (admin)")
  public Response delete(@PathParam("id") String id) {
    boolean gone = keys.delete(id);
    if (!gone) {
      throw new NotFoundException("KEY_NOT_FOUND", "no stored notification key " + id);
    }
    ring.reload();
    return Response.noContent().build();
  }
}

package io.ecrhub.app.api;

import io.ecrhub.app.cloud.CloudAccountAdmin;
import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.web.PageView;
import io.ecrhub.app.web.Paging;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.cloud.StoreCloudAccount;
import io.ecrhub.domain.shared.Page;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * QFPay cloud accounts per store (ADR 0028): an admin adds, changes and removes the account of a
 * store in the key's scope; the client key is accepted and never returned.
 */
@Path("/api/v1/cloud-accounts")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "Cloud accounts")
@SecurityRequirement(name = "bearer")
public class CloudAccountResource {
  private final CloudAccountAdmin admin;
  private final CallerContext caller;
  private final HubConfig config;

  @Inject
  public CloudAccountResource(CloudAccountAdmin admin, CallerContext caller, HubConfig config) {
    this.admin = admin;
    this.caller = caller;
    this.config = config;
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @POST
  @Operation(
      operationId = "createCloudAccount",
      summary = "Add a store's QFPay cloud account (admin); the client key is never returned")
  @APIResponse(
      responseCode = "201",
      description = "Added",
      content = @Content(schema = @Schema(implementation = CloudAccountViews.View.class)))
  @APIResponse(responseCode = "400", description = "Invalid field (problem document names it)")
  @APIResponse(responseCode = "403", description = "Not an admin, or store outside the key's scope")
  @APIResponse(responseCode = "409", description = "The store has an account already")
  public Response create(CloudAccountViews.Create body, UriInfo uri) {
    Inputs.requireBody(body);
    if (!caller.caller().scope().unrestricted()) {
      caller.requireStore(body.storeId());
    }
    StoreCloudAccount a =
        admin.create(
            new CloudAccountAdmin.Create(
                body.storeId(),
                body.environment(),
                body.url(),
                body.appCode(),
                body.clientKey(),
                body.mchid(),
                body.signType()));
    return Response.created(uri.getAbsolutePathBuilder().path(a.id()).build())
        .entity(CloudAccountViews.View.of(a))
        .build();
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @GET
  @Operation(
      operationId = "listCloudAccounts",
      summary = "List the stores' QFPay cloud accounts in the key's scope, ordered by id (admin)")
  public PageView<CloudAccountViews.View> list(
      @QueryParam("storeId") String storeId,
      @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") String limit,
      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
          String cursor) {
    Page<StoreCloudAccount> page =
        admin.list(
            storeId == null || storeId.isBlank() ? null : storeId,
            caller.caller().scope(),
            Paging.cursor(cursor),
            Paging.limit(limit, config.api()));
    return new PageView<>(
        page.items().stream().map(CloudAccountViews.View::of).toList(), page.nextCursor());
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @GET
  @Path("{id}")
  @Operation(operationId = "getCloudAccount", summary = "One store's QFPay cloud account (admin)")
  @APIResponse(
      responseCode = "200",
      description = "The account, without its client key",
      content = @Content(schema = @Schema(implementation = CloudAccountViews.View.class)))
  @APIResponse(responseCode = "404", description = "No such account")
  public CloudAccountViews.View get(@PathParam("id") String id) {
    return CloudAccountViews.View.of(visible(id));
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @PUT
  @Path("{id}")
  @Operation(
      operationId = "replaceCloudAccount",
      summary =
          "Set every field of a store's QFPay cloud account (admin); an absent clientKey keeps"
              + " the stored one")
  @APIResponse(
      responseCode = "200",
      description = "Changed",
      content = @Content(schema = @Schema(implementation = CloudAccountViews.View.class)))
  @APIResponse(responseCode = "404", description = "No such account")
  public CloudAccountViews.View replace(@PathParam("id") String id, CloudAccountViews.Change body) {
    return change(id, body, true);
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @PATCH
  @Path("{id}")
  @Operation(
      operationId = "updateCloudAccount",
      summary = "Change a store's QFPay cloud account (admin); only the fields given change")
  @APIResponse(
      responseCode = "200",
      description = "Changed",
      content = @Content(schema = @Schema(implementation = CloudAccountViews.View.class)))
  @APIResponse(responseCode = "404", description = "No such account")
  public CloudAccountViews.View patch(@PathParam("id") String id, CloudAccountViews.Change body) {
    return change(id, body, false);
  }

  private CloudAccountViews.View change(String id, CloudAccountViews.Change body, boolean replace) {
    Inputs.requireBody(body);
    StoreCloudAccount a = visible(id);
    return CloudAccountViews.View.of(
        admin.change(
            a.id(),
            new CloudAccountAdmin.Change(
                body.environment(),
                body.url(),
                body.appCode(),
                body.clientKey(),
                body.mchid(),
                body.signType(),
                replace)));
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "deleteCloudAccount",
      summary =
          "Remove a store's QFPay cloud account (admin); the store falls back to the default"
              + " account")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "404", description = "No such account")
  public Response delete(@PathParam("id") String id) {
    admin.delete(visible(id).id());
    return Response.noContent().build();
  }

  /** The account, if it exists (404) and the caller's scope covers its store (403). */
  private StoreCloudAccount visible(String id) {
    StoreCloudAccount a = admin.get(id);
    caller.requireStore(a.storeId());
    return a;
  }
}

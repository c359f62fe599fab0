package io.ecrhub.app.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.terminals.TerminalAdmin;
import io.ecrhub.app.terminals.TerminalDirectory;
import io.ecrhub.app.web.PageView;
import io.ecrhub.app.web.Paging;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.shared.Page;
import io.ecrhub.domain.terminal.Terminal;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.security.Authenticated;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Terminal registry: admins register, change and remove terminals; everyone in scope lists. */
@Path("/api/v1/terminals")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "Terminals")
@SecurityRequirement(name = "bearer")
public class TerminalResource {
  private final TerminalAdmin admin;
  private final TerminalDirectory directory;
  private final CallerContext caller;
  private final HubConfig config;

  @Inject
  public TerminalResource(
      TerminalAdmin admin, TerminalDirectory directory, CallerContext caller, HubConfig config) {
    this.admin = admin;
    this.directory = directory;
    this.caller = caller;
    this.config = config;
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @POST
  @Operation(operationId = "createTerminal", summary = "Register a terminal (admin)")
  @APIResponse(
      responseCode = "201",
      description = "Registered; the POS key is never returned",
      content = @Content(schema = @Schema(implementation = TerminalViews.View.class)))
  @APIResponse(responseCode = "400", description = "Invalid field (problem document names it)")
  @APIResponse(responseCode = "403", description = "Not an admin, or store outside the key's scope")
  @APIResponse(
      responseCode = "422",
      description = "CLOUD or cloudFallback on a hub without a QFPay cloud account")
  public Response create(TerminalViews.Create body, UriInfo uri) {
    Inputs.requireBody(body);
    if (!caller.caller().scope().unrestricted()) {
      caller.requireStore(body.storeId());
    }
    Terminal t =
        admin.register(
            new TerminalAdmin.Registration(
                body.name(),
                body.host(),
                body.port(),
                body.transport(),
                body.posKey(),
                body.encryption(),
                body.model(),
                body.storeId(),
                body.appVersion(),
                body.deviceId(),
                body.cloudFallback()));
    return Response.created(uri.getAbsolutePathBuilder().path(t.id().value()).build())
        .entity(TerminalViews.View.of(t))
        .build();
  }

  @Authenticated
  @GET
  @Operation(
      operationId = "listTerminals",
      summary = "List terminals in the key's scope, ordered by id")
  public PageView<TerminalViews.View> list(
      @QueryParam("storeId") String storeId,
      @Parameter(description = "Page size, 1-200 (default 50)") @QueryParam("limit") String limit,
      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
          String cursor) {
    Page<Terminal> page =
        directory.list(
            storeId == null || storeId.isBlank() ? null : storeId,
            caller.caller().scope(),
            Paging.cursor(cursor),
            Paging.limit(limit, config.api()));
    return new PageView<>(
        page.items().stream().map(TerminalViews.View::of).toList(), page.nextCursor());
  }

  @Authenticated
  @GET
  @Path("{id}")
  @Operation(operationId = "getTerminal", summary = "One terminal")
  @APIResponse(
      responseCode = "200",
      description = "The terminal",
      content = @Content(schema = @Schema(implementation = TerminalViews.View.class)))
  @APIResponse(responseCode = "404", description = "No such terminal")
  public TerminalViews.View get(@PathParam("id") String id) {
    return TerminalViews.View.of(visible(id));
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @PATCH
  @Path("{id}")
  @Operation(
      operationId = "updateTerminal",
      summary = "Change a terminal (admin); only the fields given change")
  public TerminalViews.View patch(@PathParam("id") String id, TerminalViews.Change body) {
    Inputs.requireBody(body);
    Terminal t = visible(id);
    if (body.storeId() != null && !caller.caller().scope().unrestricted()) {
      caller.requireStore(body.storeId().isBlank() ? null : body.storeId());
    }
    return TerminalViews.View.of(
        admin.change(
            t.id(),
            new TerminalAdmin.Change(
                body.name(),
                body.host(),
                body.port(),
                body.transport(),
                body.posKey(),
                body.encryption(),
                body.model(),
                body.storeId(),
                body.appVersion(),
                body.deviceId(),
                body.enabled(),
                body.currencies(),
                body.cloudFallback())));
  }

  @RolesAllowed(ApiRoles.ADMIN)
  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "deleteTerminal",
      summary = "Remove a terminal (admin); refused while a payment on it is not final")
  @APIResponse(responseCode = "204", description = "Removed")
  @APIResponse(responseCode = "409", description = "A payment on it is still in flight")
  public Response delete(@PathParam("id") String id) {
    Terminal t = visible(id);
    admin.remove(t.id());
    return Response.noContent().build();
  }

  /** The terminal, if it exists (404) and the caller's scope covers it (403). */
  private Terminal visible(String id) {
    Terminal t = admin.get(Inputs.terminalInPath(id));
    caller.requireTerminal(t);
    return t;
  }
}

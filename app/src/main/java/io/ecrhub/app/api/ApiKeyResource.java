package io.ecrhub.app.api;

import io.ecrhub.app.config.HubConfig;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import io.ecrhub.app.security.ManageApiKeys;
import io.ecrhub.app.web.PageView;
import io.ecrhub.app.web.Paging;
import io.ecrhub.app.web.StrictJson;
import io.ecrhub.domain.access.ApiKey;
import io.ecrhub.domain.access.Role;
import io.ecrhub.domain.access.Scope;
import io.ecrhub.domain.shared.Page;
import io.quarkus.resteasy.reactive.jackson.CustomDeserialization;
import io.quarkus.runtime.annotations.RegisterForReflection;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** API keys: unscoped admins create, list and revoke them. */
@Path("/api/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@CustomDeserialization(StrictJson.class)
@Tag(name = "API keys")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.UNSCOPED_ADMIN)
public class ApiKeyResource {
  private final ManageApiKeys keys;
  private final CallerContext caller;
  private final HubConfig config;

  @Inject
  public ApiKeyResource(ManageApiKeys keys, CallerContext caller, HubConfig config) {
    this.keys = keys;
    this.caller = caller;
    this.config = config;
  }

  /** Body of {@code POST /api/v1/api-keys}. */
  @Schema(name = "ApiKeyRequest")
  public record Create(
      @Schema(required = true, examples = "Till 3") String name,
      @Schema(
              required = true,
              enumeration = {"admin", "cashier"})
          String role,
      @Schema(description = "Limit the key to these stores and/or terminals; omit for all")
          ScopeView scope) {}

  /** Which stores and terminals a key reaches. */
  @Schema(name = "ApiKeyScope")
  @RegisterForReflection
  public record ScopeView(Set<String> stores, Set<String> terminals) {
    static ScopeView of(Scope s) {
      return s.unrestricted() ? null : new ScopeView(s.stores(), s.terminals());
    }
  }

  /** An API key as listed (never the key itself). */
  @Schema(name = "ApiKey")
  public record View(
      String id,
      String name,
      String role,
      ScopeView scope,
      @Schema(description = "First characters of the key, to recognise it") String prefix,
      Instant createdAt,
      Instant revokedAt) {
    static View of(ApiKey k) {
      return new View(
          k.id(),
          k.name(),
          k.role().wire(),
          ScopeView.of(k.scope()),
          k.keyPrefix(),
          k.createdAt(),
          k.revokedAt());
    }
  }

  /** The answer to a creation: the only time the key is shown. */
  @Schema(name = "CreatedApiKey")
  @RegisterForReflection
  public record Created(
      String id,
      String name,
      String role,
      ScopeView scope,
      String prefix,
      Instant createdAt,
      @Schema(description = "The API key; shown once, store it now") String key) {}

  @POST
  @Operation(
      operationId = "createApiKey",
      summary = "Create an API key (unscoped admin); the key is returned once")
  @APIResponse(
      responseCode = "201",
      description = "Created; the key is shown once",
      content = @Content(schema = @Schema(implementation = Created.class)))
  public Response create(Create body, UriInfo uri) {
    Inputs.requireBody(body);
    Scope scope =
        body.scope() == null
            ? Scope.ALL
            : new Scope(body.scope().stores(), body.scope().terminals());
    ManageApiKeys.Created c = keys.create(body.name(), Role.parse(body.role()), scope);
    ApiKey k = c.key();
    return Response.created(uri.getAbsolutePathBuilder().path(k.id()).build())
        .entity(
            new Created(
                k.id(),
                k.name(),
                k.role().wire(),
                ScopeView.of(k.scope()),
                k.keyPrefix(),
                k.createdAt(),
                c.plaintext()))
        .build();
  }

  @GET
  @Operation(operationId = "listApiKeys", summary = "List API keys (unscoped admin)")
  public PageView<View> list(
      @QueryParam("limit") String limit, @QueryParam("cursor") String cursor) {
    Page<ApiKey> page = keys.list(Paging.cursor(cursor), Paging.limit(limit, config.api()));
    return new PageView<>(page.items().stream().map(View::of).toList(), page.nextCursor());
  }

  @GET
  @Path("{id}")
  @Operation(operationId = "getApiKey", summary = "One API key (unscoped admin)")
  public View get(@PathParam("id") String id) {
    return View.of(keys.get(id));
  }

  @DELETE
  @Path("{id}")
  @Operation(
      operationId = "revokeApiKey",
      summary = "Revoke an API key (unscoped admin); it stops working at once")
  @APIResponse(responseCode = "200", description = "Revoked")
  public View revoke(@PathParam("id") String id) {
    return View.of(keys.revoke(id));
  }
}

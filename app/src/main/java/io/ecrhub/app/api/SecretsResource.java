package io.ecrhub.app.api;

import io.ecrhub.app.secrets.RotateMasterKey;
import io.ecrhub.app.security.ApiRoles;
import io.ecrhub.app.security.CallerContext;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Master-key rotation on demand (the hub also re-seals at start-up when earlier keys are set). */
@Path("/api/v1/admin/secrets")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Administration")
@SecurityRequirement(name = "bearer")
@RolesAllowed(ApiRoles.UNSCOPED_ADMIN)
public class SecretsResource {
  private final RotateMasterKey rotate;
  private final CallerContext caller;

  @Inject
  public SecretsResource(RotateMasterKey rotate, CallerContext caller) {
    this.rotate = rotate;
    this.caller = caller;
  }

  /** How many secrets were re-sealed. */
  @Schema(name = "SecretsResealed")
  public record Resealed(int resealed) {}

  @POST
  @Path("reseal")
  @Operation(
      operationId = "resealSecrets",
      summary = "Re-seal every stored secret under the current master key (unscoped admin)")
  public Resealed reseal() {
    return new Resealed(rotate.resealAll());
  }
}

package io.ecrhub.app.security;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A test-only endpoint that names no security rule, as a forgetful new endpoint would: {@link
 * DenyByDefaultTest} shows that nobody may call it. Hidden from the OpenAPI document, which
 * describes the product (docs/openapi.yaml).
 */
@Path("/api/v1/test-only/unannotated")
@Produces(MediaType.TEXT_PLAIN)
public class UnannotatedProbeResource {
  @GET
  @Operation(hidden = true)
  public String secret() {
    return "reached";
  }
}

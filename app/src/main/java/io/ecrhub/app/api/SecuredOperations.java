package io.ecrhub.app.api;

import io.ecrhub.app.web.Problem;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * OpenAPI: every {@code /api} operation needs the bearer API key and may answer 401 (no key, an
 * unknown or revoked key) and 403 (role or scope), both as problem documents. Added here, once, so
 * that no operation can leave them out.
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class SecuredOperations implements OASFilter {
  private static final String PROBLEM = "#/components/schemas/Problem";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      if (!path.getKey().startsWith("/api/")) {
        continue;
      }
      for (Operation op : path.getValue().getOperations().values()) {
        secure(op);
      }
    }
  }

  private static void secure(Operation op) {
    if (op.getSecurity() == null || op.getSecurity().isEmpty()) {
      op.addSecurityRequirement(OASFactory.createSecurityRequirement().addScheme("bearer"));
    }
    if (op.getResponses() == null) {
      op.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = op.getResponses();
    problem(
        responses,
        "401",
        "UNAUTHENTICATED (no API key) or INVALID_API_KEY (unknown or revoked key)");
    problem(
        responses,
        "403",
        "ADMIN_REQUIRED, UNSCOPED_ADMIN_REQUIRED (fleet-wide resource) or OUT_OF_SCOPE (the key's"
            + " scope does not cover the terminal)");
  }

  /** Adds the response, or gives an existing one without content the problem document body. */
  private static void problem(APIResponses responses, String status, String description) {
    APIResponse r = responses.getAPIResponse(status);
    if (r == null) {
      r = OASFactory.createAPIResponse().description(description);
      responses.addAPIResponse(status, r);
    }
    if (r.getContent() == null || r.getContent().getMediaTypes().isEmpty()) {
      r.setContent(
          OASFactory.createContent()
              .addMediaType(
                  Problem.MEDIA_TYPE,
                  OASFactory.createMediaType().schema(OASFactory.createSchema().ref(PROBLEM))));
    }
  }
}

package io.ecrhub.app.api;

import io.ecrhub.app.web.Problem;
import io.ecrhub.app.web.ProblemCode;
import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.MediaType;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * OpenAPI: the parts of the contract that hold for every operation, added once here rather than
 * repeated on each of them (SecuredOperations adds 401/403):
 *
 * <ul>
 *   <li>every {@code /api} operation that takes input may answer 400, every one with a path
 *       parameter 404, every one 500; and every 4xx/5xx answer is a {@code Problem} document;
 *   <li>{@code Problem.code} is the enum of the {@link ProblemCode} catalogue;
 *   <li>pages of a listing are named after their items ({@code PaymentPage}, not the Java {@code
 *       PageViewView1}).
 * </ul>
 */
@OpenApiFilter(stages = OpenApiFilter.RunStage.BUILD)
public class ApiContract implements OASFilter {
  private static final String SCHEMAS = "#/components/schemas/";
  private static final String PAGE = "PageView";

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
      return;
    }
    Map<String, String> renamed = namePages(openAPI);
    for (Map.Entry<String, PathItem> path : openAPI.getPaths().getPathItems().entrySet()) {
      for (Operation op : path.getValue().getOperations().values()) {
        if (op.getResponses() == null) {
          continue;
        }
        rename(op.getResponses(), renamed);
        if (path.getKey().startsWith("/api/")) {
          problems(op, path.getKey().contains("{"));
        }
      }
    }
    codes(openAPI);
  }

  private static void problems(Operation op, boolean hasPathParameter) {
    APIResponses responses = op.getResponses();
    boolean input =
        op.getRequestBody() != null
            || (op.getParameters() != null && !op.getParameters().isEmpty())
            || hasPathParameter;
    if (input) {
      add(responses, "400", "Invalid input; the problem's code (and field) say what");
    }
    if (hasPathParameter) {
      add(responses, "404", "No such resource");
    }
    add(responses, "500", "Unexpected error (INTERNAL_ERROR, with a reference for an operator)");
    for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
      char kind = r.getKey().charAt(0);
      if ((kind == '4' || kind == '5')
          && (r.getValue().getContent() == null
              || r.getValue().getContent().getMediaTypes() == null
              || r.getValue().getContent().getMediaTypes().isEmpty())) {
        r.getValue().setContent(problemContent());
      }
    }
  }

  private static void add(APIResponses responses, String status, String description) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
    }
  }

  private static Content problemContent() {
    return OASFactory.createContent()
        .addMediaType(
            Problem.MEDIA_TYPE,
            OASFactory.createMediaType()
                .schema(OASFactory.createSchema().ref(SCHEMAS + "Problem")));
  }

  /** Problem.code lists the catalogue. */
  private static void codes(OpenAPI openAPI) {
    if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
      return;
    }
    Schema problem = openAPI.getComponents().getSchemas().get("Problem");
    if (problem == null || problem.getProperties() == null) {
      return;
    }
    Schema code = problem.getProperties().get("code");
    if (code != null) {
      code.setEnumeration(
          new ArrayList<>(Arrays.stream(ProblemCode.values()).map(Enum::name).toList()));
      code.setDescription("Stable machine code; docs/errors.md says what each one means");
    }
  }

  /** PageViewView1 → PaymentPage: a page is named after the schema of its items. */
  private static Map<String, String> namePages(OpenAPI openAPI) {
    Map<String, String> renamed = new LinkedHashMap<>();
    if (openAPI.getComponents() == null || openAPI.getComponents().getSchemas() == null) {
      return renamed;
    }
    Map<String, Schema> schemas = new LinkedHashMap<>(openAPI.getComponents().getSchemas());
    for (Map.Entry<String, Schema> s : schemas.entrySet()) {
      if (!s.getKey().startsWith(PAGE) || s.getValue().getProperties() == null) {
        continue;
      }
      Schema items = s.getValue().getProperties().get("items");
      String ref = items == null || items.getItems() == null ? null : items.getItems().getRef();
      if (ref == null || !ref.startsWith(SCHEMAS)) {
        continue;
      }
      String name = ref.substring(SCHEMAS.length()) + "Page";
      renamed.put(SCHEMAS + s.getKey(), SCHEMAS + name);
      openAPI.getComponents().removeSchema(s.getKey());
      openAPI
          .getComponents()
          .addSchema(
              name,
              s.getValue().description("One page of " + name.substring(0, name.length() - 4)));
    }
    return renamed;
  }

  private static void rename(APIResponses responses, Map<String, String> renamed) {
    for (APIResponse r : responses.getAPIResponses().values()) {
      if (r.getContent() == null || r.getContent().getMediaTypes() == null) {
        continue;
      }
      List<MediaType> types = new ArrayList<>(r.getContent().getMediaTypes().values());
      for (MediaType t : types) {
        Schema schema = t.getSchema();
        if (schema != null && schema.getRef() != null && renamed.containsKey(schema.getRef())) {
          schema.setRef(renamed.get(schema.getRef()));
        }
      }
    }
  }
}

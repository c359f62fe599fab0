package io.ecrhub.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.ManagementInterface;
import io.ecrhub.app.web.ProblemCode;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The API contract partners generate clients from: the committed {@code docs/openapi.yaml} is what
 * the running hub serves at {@code /q/openapi}, and every operation in it is complete (a unique
 * operationId, a typed success answer, a Problem document on every error answer). Regenerate the
 * file after an API change with {@code -DupdateOpenApi=true} (see {@link #HOW_TO_REGENERATE}).
 */
@QuarkusTest
class OpenApiDocumentTest {
  static final Path COMMITTED = Path.of("..", "docs", "openapi.yaml");
  static final String HOW_TO_REGENERATE =
      "regenerate it with ./mvnw -B verify -pl app -am -Dtest=OpenApiDocumentTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -DskipPgTests"
          + " -DupdateOpenApi=true and commit docs/openapi.yaml";
  private static final Set<String> METHODS = Set.of("get", "post", "put", "patch", "delete");
  private static final String PROBLEM = "#/components/schemas/Problem";

  @Test
  void committedSpec_isWhatTheHubServes() throws IOException {
    String served =
        ManagementInterface.given()
            .queryParam("format", "yaml")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    if (Boolean.getBoolean("updateOpenApi")) {
      Files.writeString(COMMITTED, served, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(COMMITTED))
        .as("docs/openapi.yaml is missing; " + HOW_TO_REGENERATE)
        .isTrue();
    assertThat(Files.readString(COMMITTED, StandardCharsets.UTF_8))
        .as("docs/openapi.yaml differs from the spec the hub serves; " + HOW_TO_REGENERATE)
        .isEqualTo(served);
  }

  @Test
  void everyOperation_hasAUniqueIdATypedAnswerAndProblemsOnErrors() {
    JsonPath doc = ManagementInterface.openApi();
    Map<String, Map<String, Map<String, Object>>> paths = doc.getMap("paths");
    Set<String> ids = new HashSet<>();
    List<String> faults = new ArrayList<>();
    int operations = 0;
    for (var path : paths.entrySet()) {
      for (var op : path.getValue().entrySet()) {
        if (!METHODS.contains(op.getKey())) {
          continue;
        }
        operations++;
        String where = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
        String at = "paths.'" + path.getKey() + "'." + op.getKey();
        String id = doc.getString(at + ".operationId");
        if (id == null || !id.matches("[a-z][A-Za-z]+")) {
          faults.add(where + ": operationId " + id);
        } else if (!ids.add(id)) {
          faults.add(where + ": operationId " + id + " used twice");
        }
        Map<String, Map<String, Object>> responses = doc.getMap(at + ".responses");
        boolean typed = false;
        for (var r : responses.entrySet()) {
          String status = r.getKey();
          Map<String, Map<String, Object>> content =
              doc.getMap(at + ".responses.'" + status + "'.content");
          if (status.startsWith("2")) {
            typed |=
                status.equals("204")
                    || (content != null
                        && content.values().stream().allMatch(m -> m.get("schema") != null));
          } else if (status.startsWith("4") || status.startsWith("5")) {
            String ref =
                doc.getString(
                    at
                        + ".responses.'"
                        + status
                        + "'.content.'application/problem+json'.schema.'$ref'");
            if (!PROBLEM.equals(ref)) {
              faults.add(where + ": " + status + " is not a Problem");
            }
          }
        }
        if (!typed) {
          faults.add(where + ": no typed 2xx answer");
        }
      }
    }
    assertThat(operations).isGreaterThan(50);
    assertThat(faults).isEmpty();
  }

  @Test
  void eventStreams_areTextEventStreamsOfTransactionEvents() {
    JsonPath doc = ManagementInterface.openApi();
    for (String path : List.of("/api/v1/payments/{id}/events", "/api/v1/terminals/{id}/events")) {
      assertThat(
              doc.getString(
                  "paths.'"
                      + path
                      + "'.get.responses.'200'.content.'text/event-stream'.schema.'$ref'"))
          .as(path)
          .isEqualTo("#/components/schemas/TransactionEvent");
    }
    assertThat(doc.getString("components.schemas.TransactionEvent.properties.type.description"))
        .contains("payment.<status>", "refund.<status>", "succeeded", "review_required");
  }

  @Test
  void problemCode_isTheCatalogue_andSchemaNamesAreClean() {
    JsonPath doc = ManagementInterface.openApi();
    assertThat(doc.getList("components.schemas.Problem.properties.code.enum", String.class))
        .containsExactlyElementsOf(Arrays.stream(ProblemCode.values()).map(Enum::name).toList());
    Map<String, Object> schemas = doc.getMap("components.schemas");
    assertThat(schemas.keySet())
        .allSatisfy(
            name ->
                assertThat(name)
                    .as("schema name")
                    .doesNotStartWith("PageView")
                    .doesNotMatch(".*\\d$")
                    .isNotIn("Detail", "Key", "Summary", "View", "ReportView"))
        .contains("PaymentPage", "TerminalPage", "ApiKeyPage");
  }
}

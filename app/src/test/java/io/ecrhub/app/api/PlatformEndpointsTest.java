package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.unique;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.ecrhub.app.support.ManagementInterface;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * Health, metrics and the OpenAPI document: served without an API key on the management interface
 * (ADR 0010), and truthful.
 */
@QuarkusTest
class PlatformEndpointsTest {

  @Test
  void readiness_reportsDatabaseAndMasterKeyUp() {
    ManagementInterface.given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("master-key"))
        .body("checks.find { it.name == 'master-key' }.status", equalTo("UP"))
        .body("checks.name", hasItem(containsString("Database connections")));
  }

  @Test
  void metrics_arePrometheusText() {
    createTerminal(unique("s"));
    ManagementInterface.given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds"));
  }

  @Test
  void openApi_documentsTheTerminalEndpointsAndBearerAuth() {
    ManagementInterface.given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/terminals"))
        .body(containsString("/api/v1/api-keys"))
        .body(containsString("\"bearer\""));
  }

  /**
   * POST /qfpay/notify is a Vert.x route, documented by META-INF/openapi.yaml merged into the
   * generated model: the operation, its responses and the Problem schema they refer to.
   */
  @Test
  void openApi_documentsTheNotificationRoute_andItsProblemSchemaResolves() {
    io.restassured.path.json.JsonPath doc = ManagementInterface.openApi();

    java.util.Map<String, Object> responses = doc.getMap("paths.'/qfpay/notify'.post.responses");
    org.assertj.core.api.Assertions.assertThat(responses).containsKeys("200", "401", "503");
    String ref =
        doc.getString(
            "paths.'/qfpay/notify'.post.responses.'503'.content.'application/problem+json'.schema.'$ref'");
    org.assertj.core.api.Assertions.assertThat(ref).isEqualTo("#/components/schemas/Problem");
    java.util.Map<String, Object> problem = doc.getMap("components.schemas.Problem");
    org.assertj.core.api.Assertions.assertThat(problem).isNotNull().containsKey("properties");
    java.util.Map<String, Object> properties = doc.getMap("components.schemas.Problem.properties");
    org.assertj.core.api.Assertions.assertThat(properties).containsKeys("status", "code");
  }

  @Test
  void responsesNeverCarryStackTraces() {
    String body =
        admin()
            .body("{\"name\": ")
            .post("/api/v1/terminals")
            .then()
            .statusCode(400)
            .extract()
            .asString();
    org.assertj.core.api.Assertions.assertThat(body)
        .doesNotContain("\tat ")
        .doesNotContain("Exception");
  }

  /** Every /api operation names the bearer key and documents 401 and 403 as problem documents. */
  @Test
  void openApi_everyApiOperationDocumentsBearer401And403() {
    io.restassured.path.json.JsonPath doc = ManagementInterface.openApi();
    java.util.Map<String, java.util.Map<String, java.util.Map<String, Object>>> paths =
        doc.getMap("paths");
    int checked = 0;
    for (var path : paths.entrySet()) {
      for (var op : path.getValue().entrySet()) {
        String where = op.getKey().toUpperCase(java.util.Locale.ROOT) + " " + path.getKey();
        String at = "paths.'" + path.getKey() + "'." + op.getKey();
        if (!path.getKey().startsWith("/api/")) {
          continue;
        }
        checked++;
        org.assertj.core.api.Assertions.assertThat(doc.getList(at + ".security.bearer"))
            .as(where + " needs the bearer key")
            .isNotNull();
        for (String status : java.util.List.of("401", "403")) {
          org.assertj.core.api.Assertions.assertThat(
                  doc.getString(
                      at
                          + ".responses.'"
                          + status
                          + "'.content.'application/problem+json'.schema.'$ref'"))
              .as(where + " documents " + status)
              .isEqualTo("#/components/schemas/Problem");
        }
      }
    }
    org.assertj.core.api.Assertions.assertThat(checked).isGreaterThan(40);
    org.assertj.core.api.Assertions.assertThat(doc.getMap("paths.'/ca/qfpay-ca3.crt'.get"))
        .doesNotContainKey("security");
  }
}

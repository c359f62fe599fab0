package io.ecrhub.app.api;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** Health, metrics and the OpenAPI document: served without an API key, and truthful. */
@QuarkusTest
class PlatformEndpointsTest {

  @Test
  void readiness_reportsDatabaseAndMasterKeyUp() {
    given()
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
    given()
        .get("/q/metrics")
        .then()
        .statusCode(200)
        .body(containsString("http_server_requests_seconds"));
  }

  @Test
  void openApi_documentsTheTerminalEndpointsAndBearerAuth() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(containsString("/api/v1/terminals"))
        .body(containsString("/api/v1/api-keys"))
        .body(containsString("\"bearer\""));
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
}

package io.ecrhub.app.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.support.ManagementInterface;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Health, metrics and the OpenAPI document are served on the management interface only (ADR 0010):
 * the public port, the one a reverse proxy or the shop LAN reaches, answers 404 for every {@code
 * /q/*} path, and the management port answers them.
 */
@QuarkusTest
class ManagementInterfaceTest {

  @ParameterizedTest
  @ValueSource(
      strings = {
        "/q/metrics",
        "/q/health",
        "/q/health/live",
        "/q/health/ready",
        "/q/openapi",
        "/q/swagger-ui/",
        "/q/dev-ui/"
      })
  void publicPort_doesNotServeManagementPaths(String path) {
    given().get(path).then().statusCode(404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/health", "/q/health/live", "/q/health/ready"})
  void managementPort_servesHealth(String path) {
    ManagementInterface.given().get(path).then().statusCode(200).body("status", equalTo("UP"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/q/metrics", "/q/openapi"})
  void managementPort_servesMetricsAndOpenApi(String path) {
    ManagementInterface.given().get(path).then().statusCode(200);
  }

  /** Swagger UI only in dev and demo mode; the test profile is neither. */
  @Test
  void swaggerUi_isNotServedOutsideDevAndDemo() {
    ManagementInterface.given().get("/q/swagger-ui/").then().statusCode(404);
  }

  /** The public port still serves what it is for; the management port serves nothing else. */
  @Test
  void publicPathsStayOnThePublicPort() {
    given().get("/ca/").then().statusCode(200);
    ManagementInterface.given().get("/ca/").then().statusCode(404);
    ManagementInterface.given().get("/api/v1/terminals").then().statusCode(404);
  }
}

package io.ecrhub.app.security;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.ecrhub.app.support.Api;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

/** An endpoint without a security annotation is refused to everybody, the bootstrap admin too. */
@QuarkusTest
class DenyByDefaultTest {
  private static final String PATH = "/api/v1/test-only/unannotated";

  @Test
  void unannotatedEndpoint_isRefusedWithoutAKey() {
    RestAssured.given()
        .get(PATH)
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("UNAUTHENTICATED"));
  }

  @Test
  void unannotatedEndpoint_isRefusedToAnUnscopedAdmin() {
    Api.admin()
        .get(PATH)
        .then()
        .statusCode(403)
        .contentType(startsWith("application/problem+json"))
        .body("code", equalTo("ACCESS_DENIED"));
  }

  @Test
  void notABearerHeader_is401ProblemDocument() {
    RestAssured.given()
        .header("Authorization", "Basic dXNlcjpwYXNz")
        .get("/api/v1/terminals")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("UNAUTHENTICATED"));
  }

  @Test
  void unknownKey_is401ProblemDocument() {
    Api.as("ehk_thisisnotakey0000000000000000000000000000")
        .get("/api/v1/terminals")
        .then()
        .statusCode(401)
        .contentType(startsWith("application/problem+json"))
        .header("WWW-Authenticate", "Bearer")
        .body("code", equalTo("INVALID_API_KEY"));
  }
}

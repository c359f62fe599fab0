package io.ecrhub.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import org.junit.jupiter.api.Test;

/** Without {@code ecrhub.cors.origins} the hub sends no CORS header at all (ADR 0026). */
@QuarkusTest
class CorsOffByDefaultTest {
  @Test
  void preflight_getsNoCorsHeaders() {
    Response r = CorsTest.preflight(CorsTest.TILL);

    assertThat(r.headers().asList())
        .noneMatch(h -> h.getName().toLowerCase().startsWith("access-control-"));
  }

  @Test
  void request_withAnOrigin_getsNoCorsHeaders() {
    Response r = RestAssured.given().header("Origin", CorsTest.TILL).get("/api/v1/payments");

    assertThat(r.statusCode()).isEqualTo(401);
    assertThat(r.headers().asList())
        .noneMatch(h -> h.getName().toLowerCase().startsWith("access-control-"));
  }
}

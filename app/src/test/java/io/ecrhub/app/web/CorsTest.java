package io.ecrhub.app.web;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** CORS for web tills, on for the configured origins only (ADR 0026). */
@QuarkusTest
@TestProfile(CorsTest.TillOrigins.class)
class CorsTest {
  static final String TILL = "https://till.example.com";

  /** Two till origins configured. */
  public static class TillOrigins implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ecrhub.cors.origins", TILL + ",http://localhost:5173");
    }
  }

  static Response preflight(String origin) {
    return given()
        .header("Origin", origin)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "authorization,content-type,idempotency-key")
        .options("/api/v1/payments");
  }

  @Test
  void preflightFromAConfiguredOrigin_getsTheCorsHeaders() {
    Response r = preflight(TILL);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(TILL);
    assertThat(r.header("Access-Control-Allow-Methods")).contains("POST");
    assertThat(r.header("Access-Control-Allow-Headers").toLowerCase())
        .contains("authorization", "idempotency-key", "last-event-id", "content-type");
    assertThat(r.header("Access-Control-Allow-Credentials")).isNotEqualTo("true");
  }

  @Test
  void aRequestFromAConfiguredOrigin_mayReadTheAnswer() {
    Response r = given().header("Origin", TILL).get("/api/v1/payments");

    assertThat(r.statusCode()).isEqualTo(401); // no key: the API still asks for one
    assertThat(r.header("Access-Control-Allow-Origin")).isEqualTo(TILL);
  }

  @Test
  void preflightFromAnotherOrigin_isNotAllowed() {
    Response r = preflight("https://evil.example.net");

    // without Access-Control-Allow-Origin naming it, a browser lets that page send nothing
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
    assertThat(r.header("Access-Control-Allow-Credentials")).isNull();
  }

  @Test
  void aRequestFromAnotherOrigin_isRefused() {
    Response r = given().header("Origin", "https://evil.example.net").get("/api/v1/payments");

    assertThat(r.statusCode()).isEqualTo(403);
    assertThat(r.header("Access-Control-Allow-Origin")).isNull();
  }

  @Test
  void aWildcardOrAPath_isNotAnOrigin() {
    assertThat(CorsSetup.checked(List.of(" https://a.example ", "http://127.0.0.1:8080")))
        .containsExactly("https://a.example", "http://127.0.0.1:8080");
    for (String bad : List.of("*", "https://*.example.com", "https://a.example/till", "till")) {
      assertThatThrownBy(() -> CorsSetup.checked(List.of(bad)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("ecrhub.cors.origins");
    }
  }
}

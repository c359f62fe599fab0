package io.ecrhub.app.support;

import io.restassured.RestAssured;
import io.restassured.specification.RequestSpecification;
import java.net.URI;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Requests to the hub's management interface in {@code @QuarkusTest}s (ADR 0010): {@code
 * /q/health*}, {@code /q/metrics}, {@code /q/openapi} live on their own port (a free one in tests,
 * {@code quarkus.management.test-port=0}), never on the public port that REST Assured's {@code
 * given()} talks to. Every test that reads one of them goes through here.
 */
public final class ManagementInterface {
  private ManagementInterface() {}

  /** A request to the management interface; give the full path, e.g. {@code "/q/metrics"}. */
  public static RequestSpecification given() {
    // published by Quarkus' test support once the management interface listens (its real port)
    URI uri = URI.create(ConfigProvider.getConfig().getValue("test.management.url", String.class));
    return RestAssured.given()
        .baseUri(uri.getScheme() + "://" + uri.getHost())
        .port(uri.getPort())
        .basePath("");
  }

  /** The Prometheus text of {@code /q/metrics}. */
  public static String metrics() {
    return given().get("/q/metrics").then().statusCode(200).extract().asString();
  }

  /** The OpenAPI document of {@code /q/openapi}, as JSON. */
  public static io.restassured.path.json.JsonPath openApi() {
    return given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }
}

package io.ecrhub.app.console;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** How the hub serves the console: where it lives and the headers that protect it. */
@QuarkusTest
class ConsoleRoutesTest {

  @Test
  void root_redirectsToTheConsole() {
    given()
        .redirects()
        .follow(false)
        .get("/")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/console/"));
    given()
        .redirects()
        .follow(false)
        .get("/console")
        .then()
        .statusCode(302)
        .header("Location", endsWith("/console/"));
  }

  @Test
  void consolePage_isServedWithoutAKeyAndWithAStrictContentSecurityPolicy() {
    given()
        .get("/console/")
        .then()
        .statusCode(200)
        .contentType(containsString("text/html"))
        .header("Content-Security-Policy", containsString("script-src 'self'"))
        .header("Content-Security-Policy", containsString("frame-ancestors 'none'"))
        .header("Content-Security-Policy", containsString("form-action 'none'"))
        .header("X-Content-Type-Options", equalTo("nosniff"))
        .header("Referrer-Policy", equalTo("no-referrer"))
        .body(containsString("<script type=\"module\" src=\"js/main.js\">"));
  }

  @Test
  void consoleScripts_areServedAsJavaScriptModules() {
    given()
        .get("/console/js/main.js")
        .then()
        .statusCode(200)
        .contentType(containsString("javascript"))
        .header("Content-Security-Policy", containsString("default-src 'none'"));
  }

  @Test
  void theApi_stillNeedsItsKey() {
    given()
        .get("/api/v1/terminals")
        .then()
        .statusCode(401)
        .body("code", equalTo("UNAUTHENTICATED"));
  }
}

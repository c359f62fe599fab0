package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.POS_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

/** The console in a real browser: signing in, listing and registering terminals, diagnostics. */
@QuarkusTest
class TerminalConsoleTest extends ConsoleBrowserTest {
  @Test
  void wrongApiKey_showsTheHubs401MessageAndStaysSignedOut() {
    browser.signIn("not-a-key-of-this-hub-0000000000");

    WebElement alert = browser.waitFor(By.cssSelector("form.signin [role=alert]"));
    assertThat(alert.getText())
        .contains("did not accept the API key")
        .contains("not recognised or has been revoked")
        .contains("INVALID_API_KEY");
    assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
    assertThat(browser.driver().findElement(By.id("nav")).isDisplayed()).isFalse();
    browser.screenshot("sign-in-401");
  }

  @Test
  void registerThroughTheForm_thenTheTerminalIsListedWithItsStatusAndFix() {
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.cssSelector("#nav a[href='#/terminals']"));
    String name = unique("Counter ");

    browser.go("#/terminals/new");
    browser.waitFor(By.name("name"));
    browser.screenshot("register-terminal");
    browser.type("name", name);
    browser.type("host", "192.168.1.50");
    browser.choose("transport", "HTTP");
    browser.type("posKey", POS_KEY);
    browser.choose("model", "LANDI_A8");
    browser.type("storeId", "store-hq");
    assertThat(browser.field("posKey").getAttribute("type")).isEqualTo("password");
    browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();

    // The terminal's page: registered, NEW, the fix says what to do next; the key is nowhere.
    browser.waitForText(By.cssSelector("h1"), name);
    assertThat(browser.driver().findElement(By.cssSelector("[role=status].alert")).getText())
        .contains("registered");
    String page = browser.driver().findElement(By.tagName("body")).getText();
    assertThat(page).contains("NEW").contains("HTTP 192.168.1.50:9001").contains("store-hq");
    assertThat(page).contains("Run diagnostics or take a payment.");
    assertThat(browser.driver().getPageSource()).doesNotContain(POS_KEY);
    browser.screenshot("terminal-detail");

    browser.driver().findElement(By.cssSelector("#nav a[href='#/terminals']")).click();
    WebElement row =
        browser.findOnSomePage(
            By.id("terminals-table"),
            By.xpath("//table[@id='terminals-table']//tr[.//a[normalize-space()='" + name + "']]"));
    assertThat(row.getText())
        .contains("NEW")
        .contains("Run diagnostics or take a payment.")
        .contains("HTTP 192.168.1.50:9001")
        .contains("Landi A8");
    browser.screenshot("terminals");
  }

  @Test
  void badHost_showsTheProblemDocumentsMessageUnderTheHostField() {
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/terminals/new");
    browser.waitFor(By.name("name"));
    browser.type("name", unique("Bad host "));
    browser.type("host", "not a host!");
    browser.type("posKey", POS_KEY);
    browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();

    WebElement error = browser.waitFor(By.cssSelector("[data-field=host] .field-error"));
    assertThat(error.getText()).contains("host must be an IP address or a host name");
    assertThat(browser.field("host").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.field("host").getAttribute("aria-describedby"))
        .contains(error.getAttribute("id"));
    assertThat(browser.driver().findElement(By.cssSelector(".form-summary [role=alert]")).getText())
        .contains("INVALID_HOST");
    browser.screenshot("register-terminal-invalid-host");
  }

  @Test
  void badPosKey_showsItsValidationMessageAndNeverEchoesTheKey() {
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/terminals/new");
    browser.waitFor(By.name("name"));
    String shortKey = "tooShort1234";
    browser.type("name", unique("Bad key "));
    browser.type("host", "192.168.1.51");
    browser.type("posKey", shortKey);
    browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();

    WebElement error = browser.waitFor(By.cssSelector("[data-field=posKey] .field-error"));
    assertThat(error.getText()).containsIgnoringCase("POS key");
    assertThat(browser.field("posKey").getAttribute("aria-invalid")).isEqualTo("true");
    assertThat(browser.driver().findElement(By.tagName("body")).getText()).doesNotContain(shortKey);
    assertThat(browser.field("host").getAttribute("aria-invalid")).isNull();
  }

  @Test
  void cashierKey_registering_showsThe403Message() {
    String cashier = createKey("cashier", null);
    browser.signIn(cashier);
    browser.waitFor(By.id("nav"));
    browser.go("#/terminals/new");
    browser.waitFor(By.name("name"));
    browser.type("name", unique("Not allowed "));
    browser.type("host", "192.168.1.52");
    browser.type("posKey", POS_KEY);
    browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();

    WebElement alert = browser.waitFor(By.cssSelector(".form-summary [role=alert]"));
    assertThat(alert.getText())
        .contains("not allowed to do that")
        .contains("needs an admin API key")
        .contains("ADMIN_REQUIRED");
  }

  @Test
  void revokedKey_signsTheConsoleOutWithTheReason() {
    Map<String, Object> body = Map.of("name", unique("key "), "role", "admin");
    var created = admin().body(body).post("/api/v1/api-keys").then().statusCode(201).extract();
    browser.signIn(created.path("key"));
    browser.waitFor(By.cssSelector("#overview #fleet")); // the landing page: the overview

    admin().delete("/api/v1/api-keys/" + created.path("id")).then().statusCode(200);
    browser.driver().findElement(By.cssSelector("#nav a[href='#/payments/new']")).click();

    WebElement notice = browser.waitFor(By.cssSelector("form.signin [role=alert]"));
    assertThat(notice.getText()).contains("signed out").contains("INVALID_API_KEY");
    assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
  }

  @Test
  void signOut_forgetsTheKey() {
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("sign-out"));
    assertThat(browser.script("return Object.values(sessionStorage)"))
        .isEqualTo(List.of(ADMIN_KEY));
    assertThat(browser.script("return localStorage.length")).isEqualTo(0L);
    assertThat(browser.driver().getCurrentUrl()).doesNotContain(ADMIN_KEY);

    browser.driver().findElement(By.id("sign-out")).click();
    browser.waitFor(By.id("api-key"));
    assertThat(browser.script("return sessionStorage.length")).isEqualTo(0L);
  }

  @Test
  void terminalNames_areShownAsTextNeverAsMarkup() {
    String name = "<img src=x onerror=\"window.pwned=1\"><b>" + unique("") + "</b>";
    String id =
        admin()
            .body(Map.of("name", name, "host", "127.0.0.1", "posKey", POS_KEY))
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));

    browser.go("#/terminals/" + id);
    WebElement heading = browser.waitForText(By.cssSelector("h1"), "<img src=x");
    assertThat(heading.getText()).isEqualTo(name);
    assertThat(heading.findElements(By.xpath(".//*"))).isEmpty();
    assertThat(browser.driver().findElements(By.cssSelector("main img, main b"))).isEmpty();
    assertThat(browser.script("return window.pwned === undefined")).isEqualTo(true);
  }

  @Test
  void runDiagnostics_showsChecksOrSaysTheHubHasNone() {
    String id =
        admin()
            .body(
                Map.of("name", unique("Diag "), "host", "127.0.0.1", "port", 1, "posKey", POS_KEY))
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/terminals/" + id);

    browser.waitFor(By.id("run-diagnostics")).click();
    browser.until(
        ExpectedConditions.or(
            ExpectedConditions.presenceOfElementLocated(By.cssSelector(".diagnostics .checks")),
            ExpectedConditions.presenceOfElementLocated(By.cssSelector(".diagnostics .alert"))));
    WebElement result = browser.driver().findElement(By.cssSelector(".diagnostics"));
    assertThat(result.findElements(By.cssSelector(".alert.error")))
        .as("diagnostics must not end in an error: %s", result.getText())
        .isEmpty();
    if (result.findElements(By.cssSelector(".checks")).isEmpty()) {
      assertThat(result.getText()).contains("does not offer diagnostics");
    } else {
      assertThat(result.findElements(By.cssSelector(".check[data-status]"))).isNotEmpty();
    }
    browser.screenshot("terminal-diagnostics");
  }
}

package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.as;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The API keys page in a real browser: create a store-scoped cashier key (shown once, and it
 * works), see it listed, revoke it (and it stops working); a cashier key sees no such page.
 */
@QuarkusTest
class ApiKeysConsoleTest extends ConsoleBrowserTest {
  @Test
  void createShowOnceListAndRevoke() {
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.cssSelector("#nav-api-keys a")).click();
    browser.waitForText(By.cssSelector("main h1"), "API keys");
    // The bootstrap key is configuration, not a stored key: the list may start empty.
    browser.waitFor(By.cssSelector("#keys-table, #keys-list p.empty"));

    String label = unique("Till ");
    String store = unique("st");
    browser.type("name", label);
    browser.choose("role", "cashier");
    browser.type("stores", store);
    browser.driver().findElement(By.id("create-key-button")).click();

    // Shown once: the key in the page works against the API, within its scope.
    WebElement shown = browser.waitFor(By.id("new-key"));
    String key = shown.getAttribute("value");
    assertThat(key).isNotBlank();
    as(key).get("/api/v1/terminals").then().statusCode(200);
    as(key).get("/api/v1/api-keys").then().statusCode(403);
    assertThat(browser.driver().findElement(By.id("keys-message")).getText())
        .contains(label)
        .contains("never shows it again");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.screenshot("api-key-created");

    // Listed with its role and scope, never with the key itself.
    WebElement row =
        browser.waitFor(
            By.xpath("//table[@id='keys-table']//tr[th[normalize-space()='" + label + "']]"));
    assertThat(row.getText()).contains("CASHIER").contains(store).doesNotContain(key);
    String id = row.getAttribute("data-key-id");
    assertThat(browser.driver().findElement(By.id("keys-table")).getText()).doesNotContain(key);

    // Revoke, confirmed: the row says so and the key is refused.
    row.findElement(By.cssSelector("button[data-revoke]")).click();
    browser.waitFor(By.id("confirm-revoke")).click();
    browser.waitForText(By.id("keys-message"), "revoked");
    browser.until(
        d ->
            "true"
                .equals(
                    d.findElement(By.cssSelector("#keys-table tr[data-key-id='" + id + "']"))
                        .getAttribute("data-revoked")));
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("#keys-table tr[data-key-id='" + id + "'] button")))
        .isEmpty();
    as(key).get("/api/v1/terminals").then().statusCode(401);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  @Test
  void cashierKey_seesNoApiKeysLink_andThePageRefusesIt() {
    String cashier = createKey("cashier", Map.of("stores", List.of(unique("c"))));
    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    assertThat(browser.driver().findElement(By.id("nav-api-keys")).isDisplayed()).isFalse();
    browser.go("#/api-keys");
    browser.waitForText(By.cssSelector("#keys-list [role=alert]"), "not allowed");
    assertThat(browser.driver().findElements(By.id("keys-table"))).isEmpty();
    assertThat(browser.driver().findElement(By.id("create-key")).isDisplayed()).isFalse();
  }
}

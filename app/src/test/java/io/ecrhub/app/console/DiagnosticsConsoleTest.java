package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The diagnostics page in a real browser against a simulated terminal: the newest run per terminal
 * of a store, run one (its row shows the checks), run all (the unreachable till shows what failed
 * and the fix), one terminal's history; a cashier key sees the runs without any run button;
 * axe-core and screenshots at phone and desktop widths. Keys are scoped to a store of the test's
 * own, so "Run all" runs exactly its two terminals on the shared test database.
 */
@QuarkusTest
class DiagnosticsConsoleTest extends OwnTerminalConsoleTest {
  DiagnosticsConsoleTest() {
    super("diagnostics-sim");
  }

  @AfterEach
  void reset() {
    browser.resetSize();
  }

  @Test
  void runOne_thenRunAll_rowsShowTheResults_andTheHistoryListsTheRuns() {
    String store = unique("dg");
    String till = register(store);
    // registered at 127.0.0.1:9001, where nothing listens: the checks fail, with a fix
    String dead = createTerminal(store);
    String storeAdmin = createKey("admin", Map.of("stores", List.of(store)));

    browser.signIn(storeAdmin);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    browser.waitFor(By.cssSelector("#nav a[data-section=diagnostics]")).click();
    browser.waitForText(By.cssSelector("main h1"), "Diagnostics");
    assertThat(row(till).getAttribute("data-overall")).isEqualTo("NONE");
    assertThat(row(till).getText()).contains("Never run");
    assertThat(browser.driver().findElements(By.cssSelector("#diagnostics-table tbody tr")))
        .hasSize(2);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();

    // Run one: its row shows the verdict and every check.
    row(till).findElement(By.cssSelector("button[data-run='" + till + "']")).click();
    browser.waitFor(By.cssSelector("#run-result[data-terminal-id='" + till + "']"));
    browser.until(d -> !"NONE".equals(row(till).getAttribute("data-overall")));
    assertThat(row(till).getAttribute("data-overall")).isIn("PASS", "WARN");
    assertThat(
            row(till).findElements(By.cssSelector("li[data-check='ecr_key'][data-status='PASS']")))
        .hasSize(1);
    assertThat(row(dead).getAttribute("data-overall")).isEqualTo("NONE");

    // Run all: both terminals; the dead one fails, and says what to do.
    browser.driver().findElement(By.id("run-all")).click();
    WebElement all = browser.waitFor(By.id("run-all-result"));
    assertThat(all.getAttribute("data-total")).isEqualTo("2");
    assertThat(all.getAttribute("data-failed")).isEqualTo("1");
    browser.until(d -> "FAIL".equals(row(dead).getAttribute("data-overall")));
    WebElement failing =
        row(dead).findElement(By.cssSelector(".findings-list li[data-status='FAIL']"));
    assertThat(failing.findElement(By.cssSelector(".fix")).getText()).isNotBlank();
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resize(1400);
    browser.screenshot("diagnostics-1400");
    browser.resize(390);
    browser.screenshot("diagnostics-390");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resetSize();

    // The history of the simulated till: the run-one and the run-all, newest first.
    row(till).findElement(By.cssSelector("a[href='#/diagnostics/" + till + "']")).click();
    browser.waitForText(By.cssSelector("main h1"), "Diagnostics history");
    browser.waitFor(By.id("history-list"));
    List<WebElement> runs = browser.driver().findElements(By.cssSelector("#history-list > li"));
    assertThat(runs).hasSize(2);
    List<String> stored =
        admin()
            .get("/api/v1/terminals/" + till + "/diagnostics/history")
            .then()
            .statusCode(200)
            .extract()
            .path("id");
    assertThat(runs)
        .extracting(r -> r.getAttribute("data-run-id"))
        .containsExactlyElementsOf(stored);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  @Test
  void cashierKey_seesTheRuns_withoutRunButtons() {
    String store = unique("dc");
    String till = register(store);
    admin().post("/api/v1/terminals/" + till + "/diagnostics").then().statusCode(200);
    String cashier = createKey("cashier", Map.of("stores", List.of(store)));

    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    browser.go("#/diagnostics");
    browser.waitForText(By.cssSelector("main h1"), "Diagnostics");
    browser.until(d -> !"NONE".equals(row(till).getAttribute("data-overall")));
    assertThat(row(till).findElements(By.cssSelector("li[data-check]"))).isNotEmpty();
    assertThat(browser.driver().findElement(By.id("run-all")).isDisplayed()).isFalse();
    assertThat(browser.driver().findElements(By.cssSelector("button[data-run]"))).isEmpty();
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  private WebElement row(String terminalId) {
    return browser.waitFor(
        By.cssSelector("#diagnostics-table tr[data-terminal-id='" + terminalId + "']"));
  }

  /** Registers the simulated terminal (HTTPS) in {@code store} and returns its id. */
  private String register(String store) {
    return registerSimulated(sim, unique("Till "), store, null);
  }
}

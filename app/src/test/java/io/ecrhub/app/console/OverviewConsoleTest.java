package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.createTerminal;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.simulator.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The overview (the console's landing page) in a real browser against a simulated terminal: the
 * fleet with what to fix, today's payments and the per-hour chart, the money in doubt settled with
 * "Query now" while the page follows it live, what a store cashier sees, both languages, axe-core
 * and screenshots at phone and desktop widths. Scheduled reconciliation is off (as in {@link
 * ForcedQueryConsoleTest}), so only the button settles the payment in doubt.
 */
@QuarkusTest
@TestProfile(ForcedQueryConsoleTest.NoScheduledReconciliation.class)
class OverviewConsoleTest extends OwnTerminalConsoleTest {
  OverviewConsoleTest() {
    super("overview-sim");
  }

  @AfterEach
  void reset() {
    sim.setFault(Fault.none());
    browser.resetSize();
    browser.script("localStorage.clear()");
  }

  @Test
  void landingPage_showsTheFleetTodayAndTheMoneyInDoubt_andQueryNowSettlesItLive() {
    String store = unique("ov");
    String idle = createTerminal(store);
    String till = register(store);
    String paid = startPayment(till, "1234.50", "alipay");
    awaitPaymentStatus(paid, "SUCCEEDED");
    sim.setFault(Fault.dropAfterApprove());
    String lost = startPayment(till, "6.60", "card_payment");
    awaitPaymentStatus(lost, "UNKNOWN");
    sim.setFault(Fault.none());

    browser.signIn(ADMIN_KEY);
    // The landing page is the overview.
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    assertThat(browser.driver().getCurrentUrl()).doesNotContain("#/terminals");
    browser.waitForText(By.id("live-state"), "Live");

    // The fleet: the idle terminal needs action, with the fix the hub gives for its status.
    WebElement needing =
        browser.waitFor(By.cssSelector("#needing-action li[data-terminal-id='" + idle + "']"));
    assertThat(needing.getText()).contains("NEW").contains("Run diagnostics or take a payment.");
    assertThat(
            browser
                .driver()
                .findElements(By.cssSelector("#stores-table tr[data-store='" + store + "']")))
        .singleElement()
        .satisfies(row -> assertThat(row.getText()).contains("1").contains("2"));

    // Today: the amount per locale, the per-hour chart has 24 bars and counts this hour's two.
    assertThat(browser.driver().findElement(By.id("today-amount")).getText()).contains("HKD");
    List<WebElement> hours = browser.driver().findElements(By.cssSelector("#hours-chart g.hour"));
    assertThat(hours).hasSize(24);
    assertThat(Integer.parseInt(hours.get(23).getAttribute("data-count")))
        .isGreaterThanOrEqualTo(2);

    // Money in doubt: the UNKNOWN payment, with "Query now" for an admin.
    WebElement row = browser.waitFor(By.cssSelector("#doubt-table tr[data-id='" + lost + "']"));
    assertThat(row.getText()).contains("UNKNOWN").contains("HKD 6.60");
    assertThat(browser.driver().findElements(By.id("intake"))).hasSize(1);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resize(1400);
    browser.screenshot("overview-1400");
    browser.resize(390);
    browser.screenshot("overview-390");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resetSize();

    browser.script("window.samePage = true");
    browser.waitFor(By.cssSelector("#doubt-table button[data-query='" + lost + "']")).click();

    // The terminal still holds the approved trade: the query settles it, and the row goes.
    browser.waitFor(By.cssSelector("#query-result[data-status=SUCCEEDED]"));
    browser.until(
        d -> d.findElements(By.cssSelector("#doubt-table tr[data-id='" + lost + "']")).isEmpty());
    assertThat(browser.script("return window.samePage === true")).isEqualTo(true);
    assertThat(admin().get("/api/v1/payments/" + lost).then().extract().<String>path("status"))
        .isEqualTo("SUCCEEDED");
    assertThat(sim.transactions())
        .filteredOn(tx -> tx.amount().toPlainString().equals("6.60"))
        .hasSize(1);
  }

  @Test
  void storeCashier_seesOnlyItsStore_withoutAdminButtonsOrIntake() {
    String store = unique("cs");
    String mine = createTerminal(store);
    String other = createTerminal(unique("elsewhere"));
    String till = register(store);
    awaitPaymentStatus(startPayment(till, "1234.50", "wx"), "SUCCEEDED");
    sim.setFault(Fault.dropAfterApprove());
    String lost = startPayment(till, "3.30", "card_payment");
    awaitPaymentStatus(lost, "UNKNOWN");
    sim.setFault(Fault.none());
    String cashier = createKey("cashier", Map.of("stores", List.of(store)));

    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    browser.waitFor(By.cssSelector("#needing-action li[data-terminal-id='" + mine + "']"));
    assertThat(browser.driver().findElement(By.id("today-amount")).getText())
        .contains("HKD 1,234.50");
    assertThat(browser.driver().findElement(By.id("today-rate")).getText()).contains("100%");
    assertThat(browser.driver().findElements(By.cssSelector("[data-terminal-id='" + other + "']")))
        .isEmpty();
    WebElement row = browser.waitFor(By.cssSelector("#doubt-table tr[data-id='" + lost + "']"));
    assertThat(row.findElements(By.tagName("button"))).isEmpty();
    assertThat(browser.driver().findElements(By.cssSelector("#doubt-table button"))).isEmpty();
    assertThat(browser.driver().findElements(By.id("intake"))).isEmpty();
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  @Test
  void languageSwitch_showsTraditionalChinese_remembersIt_andKeepsTheKeyOutOfLocalStorage() {
    String store = unique("zh");
    register(store);
    String cashier = createKey("cashier", Map.of("stores", List.of(store)));
    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");

    browser.choose("language", "zh-HK");
    browser.waitForText(By.cssSelector("main h1"), "概覽");
    assertThat(browser.script("return document.documentElement.lang")).isEqualTo("zh-HK");
    browser.waitForText(By.cssSelector("#nav a[data-section=payments]"), "付款");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.screenshot("overview-zh-HK");

    browser.driver().navigate().refresh();
    browser.waitForText(By.cssSelector("main h1"), "概覽");
    assertThat(browser.script("return localStorage.getItem('ecrhub.console.lang')"))
        .isEqualTo("zh-HK");
    assertThat(browser.script("return JSON.stringify(Object.assign({}, localStorage))").toString())
        .doesNotContain(cashier);

    browser.choose("language", "en");
    browser.waitForText(By.cssSelector("main h1"), "Overview");
  }

  @Test
  void paymentTakenWhileTheOverviewIsOpen_showsWithoutAReload_throughTheFleetEventStream() {
    String store = unique("live");
    String till = register(store);
    String cashier = createKey("cashier", Map.of("stores", List.of(store)));
    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    browser.waitForText(By.id("live-state"), "Live");
    assertThat(browser.waitFor(By.cssSelector("#today-count .tile-value")).getText())
        .isEqualTo("0");
    browser.script("window.samePage = true");

    String paid = startPayment(till, "12.00", "alipay");
    awaitPaymentStatus(paid, "SUCCEEDED");

    // the fleet stream brought the payment's events and the page read the overview again
    browser.waitForText(By.cssSelector("#today-count .tile-value"), "1");
    browser.waitForText(By.id("today-amount"), "HKD 12.00");
    assertThat(browser.driver().findElement(By.id("overview")).getAttribute("data-events"))
        .isNotNull();
    assertThat(
            Integer.parseInt(
                browser.driver().findElement(By.id("overview")).getAttribute("data-events")))
        .isGreaterThanOrEqualTo(1);
    assertThat(browser.script("return window.samePage === true")).isEqualTo(true);
  }

  /** Registers the simulated terminal in {@code store} and returns its id. */
  private String register(String store) {
    return registerSimulated(sim, unique("Till "), store, null);
  }
}

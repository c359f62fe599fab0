package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import io.ecrhub.simulator.Fault;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The console's "Query the terminal now" for a payment whose outcome is not known, in a real
 * browser against a simulated terminal. The scheduled reconciliation is switched off, so only the
 * button queries the terminal.
 */
@QuarkusTest
@TestProfile(ForcedQueryConsoleTest.NoScheduledReconciliation.class)
class ForcedQueryConsoleTest extends OwnTerminalConsoleTest {
  private static final By STATUS = By.cssSelector("#payment-status .badge");
  private static final By QUERY = By.id("reconcile-payment");
  private static final By RESULT = By.id("reconcile-result");

  /** The test configuration without the scheduled reconciliation job. */
  public static class NoScheduledReconciliation implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("ecrhub.reconciliation.enabled", "false");
    }
  }

  ForcedQueryConsoleTest() {
    super("query-sim");
  }

  @Test
  void unknownPayment_isQueriedFromTheConsole_stillUnknownThenSettled() {
    String terminal = registerSimulated(sim, null);
    sim.setFault(Fault.dropAfterApprove());
    String id = startPayment(terminal, "6.60", "card_payment");
    awaitPaymentStatus(id, "UNKNOWN");
    int exchangesBefore = sim.exchanges().size();
    long queriesBefore = queries();

    // The terminal cannot answer (its app is logged out): the payment stays UNKNOWN.
    sim.setFault(Fault.loggedOut());
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments/" + id);
    browser.until(d -> "UNKNOWN".equals(statusOnPage()));
    browser.waitFor(QUERY).click();

    browser.waitForText(RESULT, "Still unknown");
    assertThat(browser.driver().findElement(RESULT).getText()).contains("next attempt at");
    assertThat(browser.driver().findElement(RESULT).findElements(By.tagName("time"))).hasSize(1);
    assertThat(statusOnPage()).isEqualTo("UNKNOWN");
    assertThat(sim.exchanges()).hasSizeGreaterThan(exchangesBefore); // it was asked (4007)
    admin()
        .get("/api/v1/payments/" + id + "/reconciliation")
        .then()
        .statusCode(200)
        .body("status", equalTo("UNKNOWN"))
        .body("open", equalTo(true))
        .body("reconcileAttempts", greaterThanOrEqualTo(1))
        .body("nextAttemptAt", notNullValue());
    browser.screenshot("payment-still-unknown");

    // The terminal answers again: the next query settles the payment, charged once.
    sim.setFault(Fault.none());
    browser.until(d -> d.findElement(QUERY).isEnabled());
    browser.driver().findElement(QUERY).click();

    browser.waitForText(RESULT, "The terminal answered");
    browser.until(d -> "SUCCEEDED".equals(statusOnPage()));
    assertThat(browser.driver().findElements(QUERY)).isEmpty();
    assertThat(queries()).isGreaterThan(queriesBefore);
    assertThat(sim.transactions()).hasSize(1);
    admin()
        .get("/api/v1/payments/" + id + "/reconciliation")
        .then()
        .body("open", equalTo(false))
        .body("nextAttemptAt", equalTo(null));
    browser.screenshot("payment-settled-by-query");
  }

  @Test
  void settledPayment_hasNoQueryButton() {
    sim.setFault(Fault.none());
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "1.10", "alipay");
    awaitPaymentStatus(id, "SUCCEEDED");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments/" + id);

    browser.until(d -> "SUCCEEDED".equals(statusOnPage()));
    browser.waitFor(By.id("refund-payment"));
    assertThat(browser.driver().findElements(QUERY)).isEmpty();
  }

  private long queries() {
    return sim.exchanges().stream().filter(e -> e.funcType() == 4001).count();
  }

  private String statusOnPage() {
    return browser.driver().findElements(STATUS).stream()
        .findFirst()
        .map(e -> e.getAttribute("data-status"))
        .orElse(null);
  }
}

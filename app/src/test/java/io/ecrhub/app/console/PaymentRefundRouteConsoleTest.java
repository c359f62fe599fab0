package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerTerminal;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.cloud.CloudTestSupport;
import io.ecrhub.simulator.CloudStandInConfig;
import io.ecrhub.simulator.QfpayCloudStandIn;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * A refund from the payment page of a hub with a QFPay cloud account: the route choice is offered,
 * and a refund sent "through QFPay's cloud only" reaches the cloud (the simulator's stand-in over
 * the terminal's ledger) once and is listed with its route and outcome.
 */
@QuarkusTest
@TestProfile(PaymentRefundRouteConsoleTest.WithCloud.class)
class PaymentRefundRouteConsoleTest extends ConsoleBrowserTest {
  private static final String APP_CODE = "HUBCONSOLE0001";
  private static final String CLIENT_KEY = "5A3D1E9F8A6B50423144B2C3D4E5F607";
  private static TerminalSimulator sim;
  private static QfpayCloudStandIn standIn;

  /** A terminal of its own and the cloud stand-in over its ledger. */
  public static class WithCloud implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      synchronized (PaymentRefundRouteConsoleTest.class) {
        if (sim == null) {
          sim = CloudTestSupport.simulator("console-route-1");
          standIn = sim.startCloud(CloudStandInConfig.loopback(APP_CODE, CLIENT_KEY, null));
        }
      }
      return CloudTestSupport.cloudSettings(
          standIn, APP_CODE, CLIENT_KEY, "ecrhub.qfpay.cloud.request-timeout", "2s");
    }
  }

  @Test
  void refundThroughTheCloud_chosenOnThePage_isSentToTheCloudOnce_andListedWithItsRoute() {
    SimulatedTerminal t = sim.terminal("console-route-1");
    String terminal =
        registerTerminal(unique("Route "), t.host(), t.httpPort(), "HTTP", t.posKey());
    String id = startPayment(terminal, "10.50", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");
    String syssn =
        admin().get("/api/v1/payments/" + id).then().extract().path("qfpayTransactionId");

    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments/" + id);

    // the hub has a cloud account: the three routes are offered, automatic first
    WebElement cloud = browser.waitFor(By.id("route-cloud"));
    assertThat(browser.driver().findElement(By.id("route-auto")).isSelected()).isTrue();
    assertThat(browser.driver().findElements(By.cssSelector("input[name=route]"))).hasSize(3);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    cloud.click();
    browser.type("amount", "4.00");
    browser.driver().findElement(By.id("refund-payment")).click();

    WebElement refund =
        browser.waitFor(By.cssSelector(".refunds li[data-route=cloud][data-status=SUCCEEDED]"));
    assertThat(refund.getText()).contains("HKD 4.00").contains("through QFPay’s cloud");
    browser.waitForText(By.id("refunded-amount"), "HKD 4.00");
    assertThat(
            standIn.requests("/trade/v1/refund").stream()
                .filter(r -> syssn.equals(r.params().get("syssn")))
                .toList())
        .singleElement()
        .satisfies(r -> assertThat(r.params()).containsEntry("txamt", "400"));
    assertThat(standIn.violations()).isEmpty();
    browser.screenshot("payment-refund-cloud");
  }
}

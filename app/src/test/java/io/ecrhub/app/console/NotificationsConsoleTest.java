package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.notification.NotificationKey;
import io.ecrhub.notify.intake.NotificationSignature;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.net.URI;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The notifications page in a real browser: a notification key added in the console (a password
 * field, never shown again) verifies what a simulated terminal's QFPay notifications carry, and the
 * inbox finds that notification by syssn and out_trade_no; a parked notification with what to do,
 * its raw body and re-apply; removing the key makes the hub refuse notifications signed with it; a
 * cashier key sees no such page and no admin button. axe-core on each view, screenshots at 390 and
 * 1,400 px.
 */
@QuarkusTest
class NotificationsConsoleTest extends OwnTerminalConsoleTest {
  /** The key of the test profile ({@code %test.ecrhub.notify.keys}). */
  private static final NotificationKey CONFIG_KEY = NotificationKey.of("my_qfpay_notification_key");

  private static final SecureRandom RANDOM = new SecureRandom();

  @TestHTTPResource("/qfpay/notify")
  URL notifyUrl;

  NotificationsConsoleTest() {
    super("notify-console-sim");
  }

  @AfterEach
  void reset() {
    browser.resetSize();
  }

  @Test
  void addedKey_verifiesTheTerminalsNotification_theInboxFindsIt_andRemovingTheKeyRefusesIt() {
    String secret = unique("qfpay-notify-key-");
    String label = unique("Shop ");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.cssSelector("#nav-notifications a")).click();
    browser.waitForText(By.cssSelector("main h1"), "Notifications");

    // Add the key: typed into a password field, then gone from the page for good.
    WebElement keyInput = browser.waitFor(By.cssSelector("#add-notify-key input[name=key]"));
    assertThat(keyInput.getAttribute("type")).isEqualTo("password");
    keyInput.sendKeys(secret);
    browser.type("description", label);
    browser.driver().findElement(By.id("add-notify-key-button")).click();
    browser.waitForText(By.id("notify-keys-message"), "never shows it again");
    WebElement row =
        browser.waitFor(
            By.xpath(
                "//table[@id='notify-keys-table']//tr[td[normalize-space()='" + label + "']]"));
    String keyId = row.getAttribute("data-key-id");
    assertThat(keyId).isNotBlank();
    assertThat(browser.field("key").getAttribute("value")).isEmpty();
    assertThat(browser.driver().getPageSource()).doesNotContain(secret);
    assertThat(admin().get("/api/v1/notification-keys").asString())
        .contains(keyId)
        .doesNotContain(secret);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();

    // A payment on the simulated terminal, whose QFPay notification is signed with the new key.
    sim.setNotificationTarget(loopback(notifyUrl), secret);
    String till = registerSimulated(sim, null);
    String paid = startPayment(till, "12.30", "alipay");
    awaitPaymentStatus(paid, "SUCCEEDED");
    JsonPath payment = admin().get("/api/v1/payments/" + paid).then().extract().jsonPath();
    String syssn = payment.getString("qfpayTransactionId");
    String outTradeNo = payment.getString("outTradeNo");
    Awaitility.await()
        .atMost(Duration.ofSeconds(60))
        .until(
            () ->
                admin()
                        .queryParam("syssn", syssn)
                        .get("/api/v1/notifications")
                        .then()
                        .extract()
                        .jsonPath()
                        .getList("items")
                        .size()
                    == 1);

    // The inbox finds it by syssn, applied, verified with the key added above ...
    browser.type("syssn", syssn);
    browser.driver().findElement(By.id("inbox-search-button")).click();
    WebElement found =
        browser.waitFor(By.cssSelector("#inbox-table tr[data-syssn='" + syssn + "']"));
    assertThat(found.getAttribute("data-status")).isEqualTo("applied");
    assertThat(found.getText()).contains("Applied").contains(outTradeNo);
    assertThat(browser.driver().findElements(By.cssSelector("#inbox-table tbody tr"))).hasSize(1);

    // ... and by out_trade_no.
    browser.go("#/notifications?outTradeNo=" + outTradeNo);
    browser.waitFor(By.cssSelector("#inbox-table tr[data-syssn='" + syssn + "']"));
    assertThat(browser.field("outTradeNo").getAttribute("value")).isEqualTo(outTradeNo);
    browser.driver().findElement(By.cssSelector("#inbox-table tbody tr th a")).click();
    browser.waitForText(By.id("raw-body"), syssn);
    assertThat(browser.driver().findElement(By.id("notification")).getText())
        .contains(keyId)
        .contains(outTradeNo);
    assertThat(browser.driver().findElements(By.id("reapply"))).isEmpty(); // applied: nothing to do
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();

    // Remove the key (confirmed): no longer listed, and the hub refuses what is signed with it.
    browser.go("#/notifications");
    browser
        .waitFor(By.cssSelector("#notify-keys-table button[data-remove-key='" + keyId + "']"))
        .click();
    browser.waitFor(By.id("confirm-remove-key")).click();
    browser.waitForText(By.id("notify-keys-message"), "removed");
    browser.until(
        d ->
            d.findElements(By.cssSelector("#notify-keys-table tr[data-key-id='" + keyId + "']"))
                .isEmpty());
    byte[] body = paymentBody(unique("ord-"), newSyssn(), "100");
    given()
        .contentType("application/json")
        .header("X-QF-SIGN", NotificationSignature.sign(body, NotificationKey.of(secret)))
        .body(body)
        .post("/qfpay/notify")
        .then()
        .statusCode(401);
  }

  @Test
  void parkedNotification_isFoundWithWhatToDo_itsRawBodyShown_andReapplied() {
    String outTradeNo = unique("ord-");
    String syssn = newSyssn();
    byte[] body = paymentBody(outTradeNo, syssn, "4560");
    given()
        .contentType("application/json")
        .header("X-QF-SIGN", NotificationSignature.sign(body, CONFIG_KEY))
        .body(body)
        .post("/qfpay/notify")
        .then()
        .statusCode(200);

    browser.signIn(ADMIN_KEY);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    browser.go("#/notifications?status=parked");
    browser.waitForText(By.id("inbox-guidance"), "re-apply");
    browser.waitFor(By.cssSelector("#inbox-table, #inbox-empty"));
    browser.type("syssn", syssn);
    browser.driver().findElement(By.id("inbox-search-button")).click();
    WebElement row = browser.waitFor(By.cssSelector("#inbox-table tr[data-syssn='" + syssn + "']"));
    assertThat(row.getAttribute("data-status")).isEqualTo("parked");
    assertThat(row.getText())
        .contains("Parked")
        .contains(outTradeNo)
        .contains("Waiting for its payment or refund");
    assertThat(browser.driver().findElement(By.id("inbox-counts")).getText()).contains("Parked");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resize(1400);
    browser.screenshot("notifications-1400");
    browser.resize(390);
    browser.screenshot("notifications-390");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resetSize();

    // One notification: what to do, the raw body byte for byte, and re-apply.
    row.findElement(By.cssSelector("th a")).click();
    WebElement raw = browser.waitFor(By.id("raw-body"));
    assertThat(raw.getText()).isEqualTo(new String(body, StandardCharsets.UTF_8));
    assertThat(browser.driver().findElement(By.id("notification")).getText())
        .contains("What to do")
        .contains("No payment or refund in the hub matches it yet")
        .contains("re-apply")
        .contains("config-1");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.waitFor(By.id("reapply")).click();
    WebElement result = browser.waitFor(By.id("reapply-result"));
    // Still nothing it applies to: it stays parked, and the page says so.
    assertThat(result.getAttribute("data-status")).isEqualTo("parked");
    assertThat(result.getText()).contains("Parked");
    browser.resize(390);
    browser.screenshot("notification-390");
    browser.resetSize();
  }

  @Test
  void cashierKey_seesNoNotificationsLink_andThePageOffersItNothing() {
    String cashier = createKey("cashier", Map.of("stores", List.of(unique("c"))));
    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    assertThat(browser.driver().findElement(By.id("nav-notifications")).isDisplayed()).isFalse();
    browser.go("#/notifications");
    browser.waitForText(By.cssSelector("#inbox-list [role=alert]"), "not allowed");
    browser.waitForText(By.cssSelector("#notify-keys-list [role=alert]"), "not allowed");
    assertThat(browser.driver().findElements(By.id("inbox-table"))).isEmpty();
    assertThat(browser.driver().findElements(By.id("notify-keys-table"))).isEmpty();
    assertThat(browser.driver().findElement(By.id("add-notify-key")).isDisplayed()).isFalse();
    assertThat(browser.driver().findElements(By.cssSelector("main button")))
        .noneMatch(WebElement::isDisplayed);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  private static URI loopback(URL url) {
    return URI.create("http://127.0.0.1:" + url.getPort() + url.getPath());
  }

  private static String newSyssn() {
    return "2026" + String.format("%022d", RANDOM.nextLong() & Long.MAX_VALUE);
  }

  private static byte[] paymentBody(String outTradeNo, String syssn, String cents) {
    return ("{\"status\":\"1\",\"notify_type\":\"payment\",\"pay_type\":\"802808\",\"syssn\":\""
            + syssn
            + "\",\"out_trade_no\":\""
            + outTradeNo
            + "\",\"txamt\":\""
            + cents
            + "\",\"txcurrcd\":\"HKD\",\"respcd\":\"0000\",\"customer_source\":\"HK\"}")
        .getBytes(StandardCharsets.UTF_8);
  }
}

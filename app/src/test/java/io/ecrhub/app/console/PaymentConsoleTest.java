package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.PrintJob;
import io.ecrhub.simulator.SimTransaction;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;

/**
 * Payments in the console, in a real browser, against the simulated terminals: a test payment
 * followed live until the terminal approves it, cancel, refund, and payments that need checking.
 */
@QuarkusTest
class PaymentConsoleTest extends ConsoleBrowserTest {
  private static final By STATUS = By.cssSelector("#payment-status .badge");

  private final SimulatedTerminal sim = SimulatorResource.terminal(3);

  @AfterEach
  void resetSimulator() {
    sim.setCardWait(Duration.ZERO);
    sim.setRefundWait(Duration.ZERO);
  }

  @Test
  void testPaymentFromTheForm_isFollowedLiveUntilTheTerminalApprovesIt() {
    String terminal = registerSimulated(sim, "LANDI_A8");
    sim.setCardWait(Duration.ofMinutes(5));
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));

    browser.go("#/payments/new?terminalId=" + terminal);
    browser.until(d -> terminal.equals(browser.field("terminalId").getAttribute("value")));
    browser.type("amount", "10.50");
    browser.choose("channel", "card_payment");
    browser.type("reference", "CONSOLE-1");
    browser.screenshot("new-payment");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.driver().findElement(By.cssSelector("form button[type=submit]")).click();

    // The payment page, live: the terminal is waiting for the card.
    browser.until(d -> "IN_PROGRESS".equals(statusOnPage()));
    browser.waitForText(By.id("live-state"), "Live");
    String paymentId = browser.driver().getCurrentUrl().replaceAll(".*#/payments/", "");
    browser.script("window.samePage = true");

    await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());
    assertThat(sim.presentCard()).isTrue();

    // No reload: the event stream brings SUCCEEDED and the page re-reads the payment.
    browser.until(d -> "SUCCEEDED".equals(statusOnPage()));
    assertThat(browser.script("return window.samePage === true")).isEqualTo(true);
    browser.waitForText(By.cssSelector(".details"), "HKD 10.50");
    browser.until(
        d ->
            !browser
                .driver()
                .findElements(By.cssSelector("#timeline li[data-to=SUCCEEDED]"))
                .isEmpty());
    String qfpay =
        admin().get("/api/v1/payments/" + paymentId).then().extract().path("qfpayTransactionId");
    assertThat(qfpay).isNotNull();
    browser.waitForText(By.cssSelector(".details"), qfpay);
    SimTransaction onTerminal = sim.transaction(qfpay).orElseThrow();
    assertThat(onTerminal.amount().toPlainString()).isEqualTo("10.50");
    browser.screenshot("payment-succeeded");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resize(1400);
    browser.screenshot("payment-1400");
    browser.resize(390);
    browser.screenshot("payment-390");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resetSize();

    // The terminal's page lists it among its recent payments.
    browser.driver().findElement(By.cssSelector(".details a[href^='#/terminals/']")).click();
    WebElement recent =
        browser.waitFor(By.cssSelector(".recent-body tr[data-payment-id='" + paymentId + "']"));
    assertThat(recent.getText()).contains("SUCCEEDED").contains("HKD 10.50");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.screenshot("terminal-with-payments");
  }

  @Test
  void cancelButton_cancelsThePaymentOnTheTerminal() {
    String terminal = registerSimulated(sim, null);
    sim.setCardWait(Duration.ofMinutes(5));
    String id = startPayment(terminal, "3.00", "card_payment");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments/" + id);
    await().atMost(Duration.ofSeconds(30)).until(() -> sim.inFlight().isPresent());

    browser.waitFor(By.id("cancel-payment")).click();

    browser.until(d -> "CANCELLED".equals(statusOnPage()));
    assertThat(browser.driver().findElements(By.id("cancel-payment"))).isEmpty();
    assertThat(sim.exchanges()).anyMatch(e -> e.funcType() == 5001);
  }

  @Test
  void refundForm_refundsPartOfAWalletPayment() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "20.00", "alipay");
    awaitPaymentStatus(id, "SUCCEEDED");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments/" + id);

    browser.waitFor(By.id("refund-payment"));
    browser.type("amount", "5.00");
    browser.driver().findElement(By.id("refund-payment")).click();

    browser.waitForText(By.cssSelector(".refunds"), "HKD 5.00");
    browser.waitForText(By.id("refunded-amount"), "HKD 5.00");
    browser.waitForText(By.cssSelector(".refunds"), "SUCCEEDED");
    browser.screenshot("payment-refunded");
  }

  @Test
  void refundLargerThanThePayment_showsTheHubsReason() {
    String terminal = registerSimulated(sim, null);
    String id = startPayment(terminal, "4.00", "wx");
    awaitPaymentStatus(id, "SUCCEEDED");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments/" + id);

    browser.waitFor(By.id("refund-payment"));
    browser.type("amount", "40.00");
    browser.driver().findElement(By.id("refund-payment")).click();

    WebElement alert = browser.waitFor(By.cssSelector("form.inline-form [role=alert]"));
    assertThat(alert.getText()).isNotBlank();
    browser.screenshot("payment-refund-refused");
    assertThat(
            admin().get("/api/v1/payments/" + id).then().extract().<String>path("refundedAmount"))
        .isEqualTo("0.00");
  }

  @Test
  void paymentWhoseOutcomeIsUnknown_standsOutInTheListAndSaysWhatToDo() throws Exception {
    // A terminal of our own over plain HTTP, switched off while it holds the payment: the answer
    // never comes and no query can settle it, so the payment stays UNKNOWN.
    TerminalSimulator own =
        TerminalSimulator.start(
            SimulatorConfig.builder()
                .host("127.0.0.1")
                .terminal(
                    TerminalConfig.builder(unique("lost-")).cardWait(Duration.ofMinutes(5)).build())
                .build());
    String terminal;
    String id;
    try {
      SimulatedTerminal lost = own.terminal(0);
      terminal =
          admin()
              .body(
                  Map.of(
                      "name", unique("Lost "),
                      "host", lost.host(),
                      "port", lost.httpPort(),
                      "transport", "HTTP",
                      "posKey", lost.posKey()))
              .post("/api/v1/terminals")
              .then()
              .statusCode(201)
              .extract()
              .path("id");
      id = startPayment(terminal, "7.77", "card_payment");
      await().atMost(Duration.ofSeconds(30)).until(() -> lost.inFlight().isPresent());
    } finally {
      own.close();
    }
    awaitPaymentStatus(id, "UNKNOWN");

    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments?status=UNKNOWN");
    WebElement row = browser.waitFor(By.cssSelector("tr[data-payment-id='" + id + "']"));
    assertThat(row.getAttribute("class")).contains("row-attention");
    assertThat(row.getText()).contains("UNKNOWN").contains("HKD 7.77");
    assertThat(browser.driver().findElements(By.cssSelector("tbody tr[data-status]")))
        .allSatisfy(r -> assertThat(r.getAttribute("data-status")).isEqualTo("UNKNOWN"));
    assertThat(browser.driver().findElement(By.cssSelector("[role=alert]")).getText())
        .contains("need");
    browser.screenshot("payments-unknown");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();

    row.findElement(By.linkText(id)).click();
    browser.until(d -> "UNKNOWN".equals(statusOnPage()));
    browser.waitForText(
        By.cssSelector(".status-box"),
        "check the terminal or the merchant portal before charging again");
    assertThat(browser.driver().findElements(By.id("cancel-payment"))).isEmpty();
  }

  @Test
  void filtersListTheMatchingPayments_andTheCsvDownloadHoldsExactlyThem() throws Exception {
    String store = unique("pf");
    String terminal = registerInStore(store);
    String small = paid(terminal, "11.00", "alipay");
    String large = paid(terminal, "45.50", "wx");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments");

    browser.waitFor(By.id("filter-storeId"));
    browser.type("storeId", store);
    browser.type("minAmount", "20");
    browser.driver().findElement(By.id("apply-filters")).click();

    // the filters went into the address and the list shows the one payment they match
    browser.until(d -> d.getCurrentUrl().contains("minAmount=20"));
    WebElement row = browser.waitFor(By.cssSelector("tr[data-payment-id='" + large + "']"));
    assertThat(row.getText()).contains("HKD 45.50").contains("SUCCEEDED");
    assertThat(browser.driver().findElements(By.cssSelector("table.payments tbody tr"))).hasSize(1);
    assertThat(browser.driver().findElements(By.cssSelector("tr[data-payment-id='" + small + "']")))
        .isEmpty();
    assertThat(browser.field("storeId").getAttribute("value")).isEqualTo(store);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.screenshot("payments-filtered");

    // the CSV download: exactly the filtered payment, its amount exact next to its currency
    Path downloads = Files.createTempDirectory("ecrhub-console-csv-");
    ((ChromeDriver) browser.driver())
        .executeCdpCommand(
            "Browser.setDownloadBehavior",
            Map.of("behavior", "allow", "downloadPath", downloads.toAbsolutePath().toString()));
    browser.driver().findElement(By.id("export-csv")).click();
    browser.waitFor(By.id("export-done"));
    Path csv =
        browser.until(
            d -> {
              try (var files = Files.list(downloads)) {
                return files.filter(f -> f.toString().endsWith(".csv")).findFirst().orElse(null);
              } catch (java.io.IOException e) {
                return null;
              }
            });
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertThat(lines.get(0)).startsWith("id,created_at,terminal_id,status,amount,currency");
    assertThat(lines).hasSize(2);
    assertThat(lines.get(1)).startsWith(large + ",").contains(",SUCCEEDED,45.50,HKD,");

    // a bad amount: the hub's reason, in words, with its code
    browser.go("#/payments?minAmount=ten");
    browser.waitForText(By.cssSelector("#payments-body [role=alert]"), "INVALID_AMOUNT");
  }

  @Test
  void printReceipt_printsOnTheTerminal_andTheTrailSaysWhatTheTerminalAnswered() {
    String terminal = registerSimulated(sim, null);
    String id = paid(terminal, "8.80", "alipay");
    String syssn =
        admin().get("/api/v1/payments/" + id).then().extract().path("qfpayTransactionId");
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/payments/" + id);

    // the trail: the terminal answered (over TLS), no notification yet, the cloud not asked
    browser.waitForText(By.id("confirmed-by"), "the terminal’s answer over TLS");
    WebElement terminalSaid = browser.waitFor(By.cssSelector("#trail li[data-source=terminal]"));
    assertThat(terminalSaid.getAttribute("data-heard")).isEqualTo("yes");
    assertThat(terminalSaid.getText()).contains("SUCCEEDED");
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("#trail li[data-source=cloud]"))
                .getAttribute("data-heard"))
        .isEqualTo("no");
    assertThat(browser.driver().findElements(By.cssSelector("#trail li[data-source=notification]")))
        .hasSize(1);
    // no cloud account in this profile: no route choice on the refund form
    browser.waitFor(By.id("refund-payment"));
    assertThat(browser.driver().findElements(By.id("route-cloud"))).isEmpty();

    long before =
        sim.receipts().stream()
            .filter(j -> j.kind() == PrintJob.Kind.RECEIPT && syssn.equals(j.syssn()))
            .count();
    browser.driver().findElement(By.id("print-receipt")).click();
    browser.waitForText(By.id("print-result"), "The terminal is printing the receipt.");
    assertThat(
            sim.receipts().stream()
                .filter(j -> j.kind() == PrintJob.Kind.RECEIPT && syssn.equals(j.syssn()))
                .count())
        .isEqualTo(before + 1);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.screenshot("payment-trail");
  }

  private String registerInStore(String store) {
    return registerSimulated(sim, unique("Filter "), store, null);
  }

  private static String paid(String terminal, String amount, String channel) {
    String id = startPayment(terminal, amount, channel);
    awaitPaymentStatus(id, "SUCCEEDED");
    return id;
  }

  private String statusOnPage() {
    var badges = browser.driver().findElements(STATUS);
    return badges.isEmpty() ? null : badges.get(0).getAttribute("data-status");
  }
}

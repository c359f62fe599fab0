package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The webhooks page in a real browser against a consumer on a loopback socket: the SSRF rule
 * refuses the private target until the admin allows it, the generated secret is shown once, a test
 * ping reaches the consumer and its delivery shows the consumer's answer, a failed delivery is
 * replayed (one, then all failed), the secret is rotated (shown once) and the subscription
 * disabled; a cashier key sees no such page and no admin button. axe-core on each view.
 */
@QuarkusTest
class WebhooksConsoleTest extends ConsoleBrowserTest {
  private Consumer consumer;

  @BeforeAll
  void start() throws IOException {
    consumer = new Consumer();
  }

  @AfterAll
  void stop() {
    consumer.close();
  }

  /** No subscription outlives its test: later tests' payments queue nothing for this consumer. */
  @AfterEach
  void reset() {
    admin()
        .get("/api/v1/webhooks/subscriptions")
        .then()
        .extract()
        .jsonPath()
        .getList("id", String.class)
        .forEach(id -> admin().delete("/api/v1/webhooks/subscriptions/" + id));
    browser.resetSize();
    consumer.status.set(200);
  }

  @Test
  void subscribe_ping_replay_rotate_andDisable() {
    String label = unique("ERP ");
    String target = consumer.url("/hooks/" + unique("h"));
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.cssSelector("#nav-webhooks a")).click();
    browser.waitForText(By.cssSelector("main h1"), "Webhooks");
    WebElement form = browser.waitFor(By.id("create-sub"));
    assertThat(browser.field("events").getAttribute("value")).isEqualTo("*");
    assertThat(form.getText()).contains("refuses loopback, private");

    // A loopback target is refused by the SSRF rule, with the hub's reason under the field ...
    browser.type("target", target);
    browser.type("description", label);
    browser.driver().findElement(By.id("create-sub-button")).click();
    browser.waitForText(By.cssSelector("#create-sub [role=alert]"), "TARGET_REFUSED");
    assertThat(form.getText()).contains("allow private targets");

    // ... and accepted once the admin allows a private target for it; the secret is shown once.
    browser.field("allowPrivateTarget").click();
    browser.driver().findElement(By.id("create-sub-button")).click();
    String secret = browser.waitFor(By.id("new-secret")).getAttribute("value");
    assertThat(secret).startsWith("whsec_");
    assertThat(browser.driver().findElement(By.id("webhooks-message")).getText())
        .contains("never shows it again");
    WebElement row =
        browser.waitFor(
            By.xpath("//table[@id='subs-table']//tr[th/span[normalize-space()='" + label + "']]"));
    String sub = row.getAttribute("data-subscription-id");
    assertThat(row.getText()).contains(target).contains("Active").doesNotContain(secret);
    assertThat(admin().get("/api/v1/webhooks/subscriptions/" + sub).asString())
        .doesNotContain(secret);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();

    // Test ping: the consumer gets it, the page says what it answered, the delivery is logged.
    int before = consumer.received.size();
    browser.waitFor(By.cssSelector("button[data-ping='" + sub + "']")).click();
    WebElement ping = browser.waitFor(By.id("ping-result"));
    assertThat(ping.getAttribute("data-success")).isEqualTo("true");
    assertThat(ping.getText()).contains("HTTP 200");
    assertThat(consumer.received).hasSize(before + 1);
    assertThat(consumer.received.get(before)).contains("\"webhook.test\"");
    String delivered = deliveryRow("webhook.test", "delivered");
    browser
        .driver()
        .findElement(By.cssSelector("button[data-attempts='" + delivered + "']"))
        .click();
    WebElement attempt = browser.waitFor(By.cssSelector("#attempts-table tr[data-attempt='1']"));
    assertThat(attempt.getAttribute("data-http-status")).isEqualTo("200");
    assertThat(attempt.getText()).contains("HTTP 200").contains("SUCCESS");
    assertThat(browser.driver().findElement(By.id("delivery-body")).getText())
        .contains("webhook.test");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resize(1400);
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("webhooks-1400");
    browser.resize(390);
    browser.script("window.scrollTo(0, 0)");
    browser.screenshot("webhooks-390");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resetSize();

    // The consumer fails: the ping says so and the delivery is dead-lettered ...
    consumer.status.set(500);
    browser.waitFor(By.cssSelector("button[data-ping='" + sub + "']")).click();
    browser.waitFor(By.cssSelector("#ping-result[data-success='false']"));
    assertThat(browser.driver().findElement(By.id("ping-result")).getText()).contains("HTTP 500");
    String failed = deliveryRow("webhook.test", "dead_letter");

    // ... replayed once the consumer is back: delivered on its second attempt.
    consumer.status.set(200);
    browser.waitFor(By.cssSelector("button[data-replay='" + failed + "']")).click();
    browser.waitForText(By.id("replay-result"), failed);
    awaitDelivery(failed, "delivered");
    browser.driver().findElement(By.cssSelector("button[data-attempts='" + failed + "']")).click();
    browser.waitFor(By.cssSelector("#attempts-table tr[data-attempt='2'][data-http-status='200']"));
    assertThat(
            browser
                .driver()
                .findElement(By.cssSelector("#attempts-table tr[data-attempt='1']"))
                .getAttribute("data-http-status"))
        .isEqualTo("500");

    // Two more failures, then "Replay every failed delivery" sends both.
    consumer.status.set(503);
    for (int i = 0; i < 2; i++) {
      browser.waitFor(By.cssSelector("button[data-ping='" + sub + "']")).click();
      browser.waitFor(By.cssSelector("#ping-result[data-success='false']"));
      browser.script("document.getElementById('ping-result').removeAttribute('id')");
    }
    List<String> dead = deadOf(sub);
    assertThat(dead).hasSize(2);
    consumer.status.set(200);
    browser.driver().findElement(By.id("replay-failed")).click();
    WebElement replayed = browser.waitFor(By.id("replay-result"));
    assertThat(Integer.parseInt(replayed.getAttribute("data-replayed"))).isGreaterThanOrEqualTo(2);
    dead.forEach(id -> awaitDelivery(id, "delivered"));

    // Rotate the secret: a new one, shown once, and the old one's overlap end.
    browser.waitFor(By.cssSelector("button[data-rotate='" + sub + "']")).click();
    browser.waitFor(By.id("confirm-rotate")).click();
    browser.until(
        d -> {
          var shown = d.findElements(By.id("new-secret"));
          return !shown.isEmpty() && !secret.equals(shown.get(0).getAttribute("value"));
        });
    String fresh = browser.driver().findElement(By.id("new-secret")).getAttribute("value");
    assertThat(fresh).startsWith("whsec_").isNotEqualTo(secret);
    browser.waitForText(
        By.cssSelector("#subs-table tr[data-subscription-id='" + sub + "']"), "Old secret");

    // Disable: the row says so, the hub agrees, and Enable is offered.
    browser.waitFor(By.cssSelector("button[data-disable='" + sub + "']")).click();
    browser.until(
        d ->
            "false"
                .equals(
                    d.findElement(
                            By.cssSelector("#subs-table tr[data-subscription-id='" + sub + "']"))
                        .getAttribute("data-active")));
    browser.waitFor(By.cssSelector("button[data-enable='" + sub + "']"));
    assertThat(
            admin()
                .get("/api/v1/webhooks/subscriptions/" + sub)
                .then()
                .extract()
                .<Boolean>path("active"))
        .isFalse();
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  @Test
  void cashierKey_seesNoWebhooksLink_andThePageOffersItNothing() {
    String cashier = createKey("cashier", Map.of("stores", List.of(unique("c"))));
    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    assertThat(browser.driver().findElement(By.id("nav-webhooks")).isDisplayed()).isFalse();
    browser.go("#/webhooks");
    browser.waitForText(By.cssSelector("#subs-list [role=alert]"), "not allowed");
    browser.waitForText(By.cssSelector("#deliveries-list [role=alert]"), "not allowed");
    assertThat(browser.driver().findElements(By.id("subs-table"))).isEmpty();
    assertThat(browser.driver().findElement(By.id("create-sub")).isDisplayed()).isFalse();
    assertThat(browser.driver().findElements(By.cssSelector("main button")))
        .noneMatch(WebElement::isDisplayed);
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  /** The id of the newest delivery of {@code type} in {@code status} the page lists. */
  private String deliveryRow(String type, String status) {
    WebElement row =
        browser.waitFor(
            By.xpath(
                "//table[@id='deliveries-table']//tr[@data-status='"
                    + status
                    + "'][th/span[normalize-space()='"
                    + type
                    + "']]"));
    return row.getAttribute("data-delivery-id");
  }

  /** Waits until the page shows delivery {@code id} in {@code status} (it refreshes by itself). */
  private void awaitDelivery(String id, String status) {
    browser.until(
        d -> {
          var rows =
              d.findElements(By.cssSelector("#deliveries-table tr[data-delivery-id='" + id + "']"));
          return !rows.isEmpty() && status.equals(rows.get(0).getAttribute("data-status"));
        });
  }

  private static List<String> deadOf(String sub) {
    JsonPath page =
        admin()
            .queryParam("status", "dead_letter")
            .queryParam("subscriptionId", sub)
            .get("/api/v1/webhooks/deliveries")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    return page.getList("items.id", String.class);
  }

  /** A downstream consumer on 127.0.0.1 answering {@link #status} (with SUCCESS as its body). */
  static final class Consumer implements AutoCloseable {
    final List<String> received = new CopyOnWriteArrayList<>();
    final AtomicInteger status = new AtomicInteger(200);
    private final HttpServer server;
    private final ExecutorService pool = Executors.newFixedThreadPool(2);

    Consumer() throws IOException {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setExecutor(pool);
      server.createContext(
          "/",
          ex -> {
            received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
            int code = status.get();
            byte[] out =
                (code == 200 ? "SUCCESS" : "down for maintenance").getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(code, out.length);
            ex.getResponseBody().write(out);
            ex.close();
          });
      server.start();
    }

    String url(String path) {
      return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
      server.stop(0);
      pool.shutdownNow();
    }
  }
}

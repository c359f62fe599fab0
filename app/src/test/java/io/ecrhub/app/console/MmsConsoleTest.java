package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.createKey;
import static io.ecrhub.app.support.Api.unique;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The MMS page in a real browser: upload a POS Key List file (the sync appears), upload a changed
 * one (held, shown as a before/after diff that never shows a POS key), approve it (the terminal has
 * the new setting and the audit lists it), reject another; a cashier key sees no MMS link and no
 * buttons; axe-core and screenshots at phone and desktop widths. The IPs are documentation
 * addresses (192.0.2.0/24): data only, never contacted.
 */
@QuarkusTest
class MmsConsoleTest extends ConsoleBrowserTest {
  private static final String KEY_1 = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  private static final String KEY_2 = "f9e8d7c6b5a4039281706f5e4d3c2b1a";
  private static final String KEY_3 = "1234567890abcdef1234567890abcdef";

  private Path files;

  @BeforeAll
  void start() throws IOException {
    files = Files.createTempDirectory("ecrhub-mms-console-");
  }

  @AfterEach
  void reset() {
    browser.resetSize();
    browser.script("localStorage.clear()");
  }

  @Test
  void uploadHoldDiffApprove_andTheTerminalAndAuditShowIt() {
    String device = unique("SNCON");
    String terminalId = device.toLowerCase(Locale.ROOT);
    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.cssSelector("#nav-mms a")).click();
    browser.waitForText(By.cssSelector("main h1"), "MMS configuration");
    browser.waitFor(By.id("pull-state"));

    // A first POS Key List: the device is new, applied at once, and the sync is listed.
    upload(csv(device, KEY_1, "yes", "192.0.2.150"), "poskeys-1.csv");
    WebElement result = browser.waitFor(By.cssSelector("#mms-result[data-applied='1']"));
    String first = result.getAttribute("data-sync-id");
    assertThat(result.getText()).contains(device).doesNotContain(KEY_1);
    WebElement sync =
        browser.waitFor(By.cssSelector("#syncs-table tr[data-sync-id='" + first + "']"));
    assertThat(sync.getText()).contains("upload:poskeys-1.csv").contains("Applied");
    admin().get("/api/v1/terminals/" + terminalId).then().statusCode(200);

    // The key rotated, HTTPS off and a new address: held for review, shown as a diff.
    upload(csv(device, KEY_2, "no", "192.0.2.151"), "poskeys-2.csv");
    String held =
        browser.waitFor(By.cssSelector("#mms-result[data-held='1']")).getAttribute("data-sync-id");
    WebElement diff = browser.waitFor(By.cssSelector("#mms-held [data-held-id='" + held + "']"));
    assertThat(field(diff, "ip").getText()).contains("192.0.2.150").contains("192.0.2.151");
    assertThat(field(diff, "https").getText()).contains("on").contains("off");
    assertThat(field(diff, "posKey").getText()).contains("changed");
    String page = browser.driver().findElement(By.tagName("main")).getText();
    assertThat(page).doesNotContain(KEY_1).doesNotContain(KEY_2);
    assertThat(browser.script("return document.documentElement.outerHTML").toString())
        .doesNotContain(KEY_1)
        .doesNotContain(KEY_2);
    assertThat(admin().get("/api/v1/terminals/" + terminalId).then().extract().<String>path("host"))
        .isEqualTo("192.0.2.150");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resize(1400);
    browser.screenshot("mms-held-1400");
    browser.resize(390);
    browser.screenshot("mms-held-390");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    browser.resetSize();

    // Approve: applied, no longer held, audited; the terminal has the new address and transport.
    diff.findElement(By.cssSelector("button[data-approve='" + held + "']")).click();
    browser.waitForText(By.id("mms-result"), "Approved");
    browser.until(
        d -> d.findElements(By.cssSelector("#mms-held [data-held-id='" + held + "']")).isEmpty());
    WebElement audited =
        browser.waitFor(
            By.xpath(
                "//table[@id='audit-table']//tr[@data-action='APPLIED' and @data-device-id='"
                    + device
                    + "' and contains(., 'IP address changed')]"));
    assertThat(audited.getText()).contains("POS key changed").doesNotContain(KEY_2);
    browser.go("#/terminals/" + terminalId);
    browser.waitForText(By.cssSelector("main .details"), "192.0.2.151");
    assertThat(
            admin()
                .get("/api/v1/terminals/" + terminalId)
                .then()
                .extract()
                .<String>path("transport"))
        .isEqualTo("HTTP");
  }

  @Test
  void rejectKeepsTheOldSettings_inTraditionalChinese() {
    String device = unique("SNREJ");
    String terminalId = device.toLowerCase(Locale.ROOT);
    browser.signIn(ADMIN_KEY);
    browser.go("#/mms");
    browser.waitFor(By.id("pull-state"));
    upload(csv(device, KEY_1, "yes", "192.0.2.160"), "first.csv");
    browser.waitFor(By.cssSelector("#mms-result[data-applied='1']"));
    upload(csv(device, KEY_3, "yes", "192.0.2.161"), "second.csv");
    String held =
        browser.waitFor(By.cssSelector("#mms-result[data-held='1']")).getAttribute("data-sync-id");

    browser.choose("language", "zh-HK");
    browser.waitForText(By.cssSelector("main h1"), "MMS 設定");
    WebElement diff = browser.waitFor(By.cssSelector("#mms-held [data-held-id='" + held + "']"));
    assertThat(field(diff, "posKey").getText()).contains("已變更");
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
    diff.findElement(By.cssSelector("button[data-reject='" + held + "']")).click();
    browser.waitForText(By.id("mms-result"), "已拒絕");
    browser.until(
        d -> d.findElements(By.cssSelector("#mms-held [data-held-id='" + held + "']")).isEmpty());
    browser.waitFor(
        By.cssSelector("#audit-table tr[data-action='REJECTED'][data-device-id='" + device + "']"));
    assertThat(admin().get("/api/v1/terminals/" + terminalId).then().extract().<String>path("host"))
        .isEqualTo("192.0.2.160");
    browser.choose("language", "en");
    browser.waitForText(By.cssSelector("main h1"), "MMS configuration");
  }

  @Test
  void cashierKey_seesNoMmsLink_andNoUploadOrApproveButtons() {
    String cashier = createKey("cashier", Map.of("stores", List.of(unique("c"))));
    browser.signIn(cashier);
    browser.waitForText(By.cssSelector("main h1"), "Overview");
    assertThat(browser.driver().findElement(By.id("nav-mms")).isDisplayed()).isFalse();
    browser.go("#/mms");
    browser.waitForText(By.cssSelector("#mms-status [role=status]"), "needs an admin key");
    assertThat(
            browser
                .driver()
                .findElements(
                    By.cssSelector("#mms-upload-form, [data-approve], [data-reject], #pull-now")))
        .isEmpty();
    assertThat(browser.driver().findElement(By.id("mms-held")).isDisplayed()).isFalse();
    assertThat(browser.seriousAccessibilityViolations()).isEmpty();
  }

  private static WebElement field(WebElement diff, String name) {
    return diff.findElement(By.cssSelector("tr[data-field='" + name + "']"));
  }

  private static String csv(String device, String key, String https, String ip) {
    return "Serial No.,Device Name,POS-KEY,Enable Https,Encryption,IP Address\n"
        + device
        + ",Front till,"
        + key
        + ","
        + https
        + ",on,"
        + ip
        + "\n";
  }

  /** Chooses the file in the upload form (as a person would) and submits it as a partial list. */
  private void upload(String content, String name) {
    Path file = files.resolve(name);
    try {
      Files.writeString(file, content, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    browser.waitFor(By.id("mms-file")).sendKeys(file.toAbsolutePath().toString());
    WebElement partial = browser.driver().findElement(By.id("mms-partial"));
    if (!partial.isSelected()) {
      partial.click();
    }
    browser.driver().findElement(By.id("mms-upload")).click();
  }
}

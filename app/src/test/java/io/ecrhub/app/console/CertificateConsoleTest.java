package io.ecrhub.app.console;

import static io.ecrhub.app.support.Api.ADMIN_KEY;
import static io.ecrhub.app.support.Api.admin;
import static io.ecrhub.app.support.Api.awaitPaymentStatus;
import static io.ecrhub.app.support.Api.registerSimulated;
import static io.ecrhub.app.support.Api.startPayment;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.domain.certificate.Fingerprint;
import io.quarkus.test.junit.QuarkusTest;
import java.security.cert.X509Certificate;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;

/**
 * The terminal page shows the pinned TLS certificate and lets an admin approve a changed one, in a
 * real browser against a simulated terminal of its own whose leaf changes.
 */
@QuarkusTest
class CertificateConsoleTest extends OwnTerminalConsoleTest {
  private static final By PINNED = By.id("pinned-certificate");
  private static final By PENDING = By.id("pending-certificate");
  private static final By APPROVE = By.id("approve-certificate");

  CertificateConsoleTest() {
    super("cert-console-sim");
  }

  @Test
  void changedCertificate_isShownAndApprovedFromTheTerminalPage() throws Exception {
    String terminal = registerSimulated(sim, null);
    Fingerprint first = sha256(sim.currentLeaf());
    awaitPaymentStatus(startPayment(terminal, "1.00", "wx"), "SUCCEEDED");
    Fingerprint changed = sha256(sim.rotateCertificate());
    awaitPaymentStatus(startPayment(terminal, "2.00", "wx"), "FAILED");

    browser.signIn(ADMIN_KEY);
    browser.waitFor(By.id("nav"));
    browser.go("#/terminals/" + terminal);
    browser.waitForText(PENDING, changed.colonSeparated());
    browser.waitForText(PINNED, first.colonSeparated());
    assertThat(browser.driver().findElement(PENDING).getText()).contains("127.0.0.1");
    browser.screenshot("terminal-certificate-changed");

    browser.waitFor(APPROVE).click();

    browser.waitForText(By.id("certificate-message"), "Certificate approved");
    browser.waitForText(PINNED, changed.colonSeparated());
    assertThat(browser.driver().findElements(PENDING)).isEmpty();
    assertThat(browser.driver().findElements(APPROVE)).isEmpty();
    String pinned =
        admin()
            .get("/api/v1/terminals/" + terminal + "/certificate")
            .then()
            .extract()
            .path("pinned.sha256");
    assertThat(pinned).isEqualTo(changed.hex());
    awaitPaymentStatus(startPayment(terminal, "3.00", "wx"), "SUCCEEDED");
    assertThat(sim.transactions()).hasSize(2);
  }

  private static Fingerprint sha256(X509Certificate c) throws Exception {
    return Fingerprint.sha256(c.getEncoded());
  }
}

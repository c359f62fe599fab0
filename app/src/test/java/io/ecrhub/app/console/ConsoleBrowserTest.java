package io.ecrhub.app.console;

import io.quarkus.test.common.http.TestHTTPResource;
import java.net.URL;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A console test in a real browser: one headless Chromium for the whole class (starting one takes
 * seconds on the build machine), on the console of the running test instance, closed after the last
 * test. Subclasses are {@code @QuarkusTest}s; their own {@code @BeforeAll} runs after the browser
 * is open.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ConsoleBrowserTest {
  @TestHTTPResource("/console/")
  URL console;

  Browser browser;

  @BeforeAll
  void openBrowser() {
    browser = Browser.open(console);
  }

  @AfterAll
  void closeBrowser() {
    if (browser != null) {
      browser.close();
    }
  }
}

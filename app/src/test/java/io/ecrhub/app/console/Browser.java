package io.ecrhub.app.console;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.MalformedURLException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Debian Chromium driven through its chromedriver, on the console of the running test
 * instance. Never downloads a browser: when {@code /usr/bin/chromium} or {@code
 * /usr/bin/chromedriver} is missing it fails, naming the script that installs them.
 */
final class Browser implements AutoCloseable {
  static final Path CHROMIUM = Paths.get("/usr/bin/chromium");
  static final Path CHROMEDRIVER = Paths.get("/usr/bin/chromedriver");

  /** Generous: the build machine has 2 shared cores. */
  private static final Duration WAIT = Duration.ofSeconds(30);

  private static final Path SCREENSHOTS = Paths.get("target", "console-screenshots");

  private final ChromeDriver driver;
  private final Path profile;
  private final URL console;

  private Browser(ChromeDriver driver, Path profile, URL console) {
    this.driver = driver;
    this.profile = profile;
    this.console = console;
  }

  /** Starts a fresh browser (own temporary profile) on the console at {@code console}. */
  static Browser open(URL console) {
    requireInstalled();
    try {
      Path profile = Files.createTempDirectory("ecrhub-console-chromium-");
      ChromeOptions options = new ChromeOptions();
      options.setBinary(CHROMIUM.toFile());
      options.addArguments(
          "--headless=new",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-dev-shm-usage",
          "--disable-background-networking",
          "--disable-component-update",
          "--no-first-run",
          "--disable-sync",
          "--window-size=1280,900",
          "--user-data-dir=" + profile.toAbsolutePath());
      ChromeDriverService service =
          new ChromeDriverService.Builder()
              .usingDriverExecutable(CHROMEDRIVER.toFile())
              .usingAnyFreePort()
              .build();
      ChromeDriver driver = new ChromeDriver(service, options);
      driver.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
      return new Browser(driver, profile, loopback(console));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The same address with the host spelled 127.0.0.1: tests use loopback and nothing else. */
  private static URL loopback(URL url) {
    try {
      return new URI(url.getProtocol(), null, "127.0.0.1", url.getPort(), url.getPath(), null, null)
          .toURL();
    } catch (URISyntaxException | MalformedURLException e) {
      throw new IllegalArgumentException(url.toString(), e);
    }
  }

  static void requireInstalled() {
    for (Path p : List.of(CHROMIUM, CHROMEDRIVER)) {
      if (!Files.isExecutable(p)) {
        throw new IllegalStateException(
            p
                + " is missing: the console's browser tests need Debian's Chromium and its driver."
                + " ./test.sh installs them (apt-get install -y chromium chromium-driver)");
      }
    }
  }

  WebDriver driver() {
    return driver;
  }

  /** Opens a console page, e.g. {@code "#/terminals"} ("" for the start page). */
  void go(String hash) {
    driver.get(console.toString() + hash);
  }

  /** Signs out (if signed in) and signs in with {@code key}. */
  void signIn(String key) {
    go("");
    driver.executeScript("sessionStorage.clear()");
    driver.navigate().refresh();
    WebElement input = waitFor(By.id("api-key"));
    input.clear();
    input.sendKeys(key);
    driver.findElement(By.cssSelector("form.signin button[type=submit]")).click();
  }

  WebElement waitFor(By by) {
    return until(ExpectedConditions.visibilityOfElementLocated(by));
  }

  WebElement waitForText(By by, String text) {
    until(ExpectedConditions.textToBePresentInElementLocated(by, text));
    return driver.findElement(by);
  }

  /**
   * Waits (30 s at most) until {@code condition} holds; re-rendered elements are looked up again.
   */
  <T> T until(Function<WebDriver, T> condition) {
    return new WebDriverWait(driver, WAIT)
        .ignoring(StaleElementReferenceException.class)
        .until(condition);
  }

  /**
   * Finds {@code row} in a paginated list, pressing "Next page" until it shows up: the test
   * database is shared by the whole suite, so a new entry need not be on the first page.
   */
  WebElement findOnSomePage(By table, By row) {
    for (int page = 1; page <= 100; page++) {
      WebElement current = waitFor(table);
      List<WebElement> found = driver.findElements(row);
      if (!found.isEmpty()) {
        return found.get(0);
      }
      List<WebElement> next =
          driver.findElements(By.xpath("//button[normalize-space()='Next page →']"));
      if (next.isEmpty() || !next.get(0).isEnabled()) {
        throw new AssertionError("not on any of the " + page + " page(s): " + row);
      }
      next.get(0).click();
      until(ExpectedConditions.stalenessOf(current));
    }
    throw new AssertionError("not within 100 pages: " + row);
  }

  WebElement field(String name) {
    return driver.findElement(By.name(name));
  }

  void type(String name, String text) {
    WebElement input = field(name);
    input.clear();
    input.sendKeys(text);
  }

  void choose(String name, String value) {
    new Select(field(name)).selectByValue(value);
  }

  Object script(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeScript(js, args);
  }

  Object asyncScript(String js, Object... args) {
    return ((JavascriptExecutor) driver).executeAsyncScript(js, args);
  }

  /** Saves a screenshot under target/console-screenshots (for people looking at the layout). */
  void screenshot(String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      File shot = driver.getScreenshotAs(OutputType.FILE);
      Files.copy(
          shot.toPath(), SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Resizes the window to {@code width} and the page's full height (for full-page screenshots). */
  void resize(int width) {
    driver.manage().window().setSize(new Dimension(width, 900));
    Object tall = script("return Math.ceil(document.documentElement.scrollHeight)");
    int height = Math.min(6000, Math.max(900, ((Number) tall).intValue()));
    driver.manage().window().setSize(new Dimension(width, height));
  }

  /** Back to the default window size. */
  void resetSize() {
    driver.manage().window().setSize(new Dimension(1280, 900));
  }

  /**
   * Runs axe-core (the test resource {@code axe-core/axe.min.js}, injected into this page only: the
   * console never serves it) and returns the serious and critical violations, one line each.
   */
  @SuppressWarnings("unchecked")
  List<String> seriousAccessibilityViolations() {
    if (!Boolean.TRUE.equals(script("return typeof window.axe === 'object'"))) {
      script(AXE.get());
    }
    Object found =
        asyncScript(
            "const done = arguments[arguments.length - 1];"
                + "axe.run(document, {resultTypes: ['violations']}).then(r => done("
                + " r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')"
                + " .map(v => v.impact + ' ' + v.id + ': ' + v.help + ' at '"
                + " + v.nodes.map(n => n.target.join(' ')).join(' | '))),"
                + " e => done(['axe failed: ' + e]));");
    return (List<String>) found;
  }

  private static final java.util.function.Supplier<String> AXE =
      new java.util.function.Supplier<>() {
        private String script;

        @Override
        public synchronized String get() {
          if (script == null) {
            try (var in = Browser.class.getResourceAsStream("/axe-core/axe.min.js")) {
              if (in == null) {
                throw new IllegalStateException("axe-core/axe.min.js is not on the test classpath");
              }
              script = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          }
          return script;
        }
      };

  @Override
  public void close() {
    try {
      driver.quit();
    } finally {
      try (Stream<Path> files = Files.walk(profile)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException ignored) {
        // a temporary profile left behind is harmless
      }
    }
  }
}

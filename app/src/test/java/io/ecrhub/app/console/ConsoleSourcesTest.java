package io.ecrhub.app.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The console's sources keep their promises: no HTML parsing of values, no eval, no storage but
 * sessionStorage, nothing loaded from another site.
 */
class ConsoleSourcesTest {
  private static final Path ROOT = Paths.get("src/main/resources/META-INF/resources/console");

  private static final List<Pattern> FORBIDDEN_IN_SCRIPTS =
      List.of(
          Pattern.compile("\\.innerHTML"),
          Pattern.compile("\\.outerHTML"),
          Pattern.compile("insertAdjacentHTML"),
          Pattern.compile("document\\.write"),
          Pattern.compile("\\beval\\("),
          Pattern.compile("new Function\\("),
          Pattern.compile("document\\.cookie"),
          Pattern.compile("new EventSource"));

  @Test
  void scripts_neverParseHtmlEvalOrPersistTheKey() throws IOException {
    List<Path> scripts = files(".js");
    assertThat(scripts).extracting(p -> p.getFileName().toString()).contains("main.js", "api.js");
    for (Path script : scripts) {
      String code = stripComments(Files.readString(script, StandardCharsets.UTF_8));
      for (Pattern p : FORBIDDEN_IN_SCRIPTS) {
        assertThat(p.matcher(code).find()).as("%s uses %s", script, p.pattern()).isFalse();
      }
      // Only the language choice may outlive the tab (never the key): i18n.js alone, one slot.
      if (!script.getFileName().toString().equals("i18n.js")) {
        assertThat(code).as("%s uses localStorage", script).doesNotContain("localStorage");
      }
    }
    String i18n = Files.readString(ROOT.resolve("js/i18n.js"), StandardCharsets.UTF_8);
    assertThat(i18n).contains("const LANG_SLOT = 'ecrhub.console.lang';");
    assertThat(Pattern.compile("localStorage\\.setItem\\((?!LANG_SLOT,)").matcher(i18n).find())
        .as("i18n.js stores something besides the language")
        .isFalse();
  }

  @Test
  void nothingIsLoadedFromAnotherSite() throws IOException {
    Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    for (Path file :
        Stream.of(files(".js"), files(".html"), files(".css")).flatMap(List::stream).toList()) {
      // The SVG namespace is a name, not an address anything is loaded from.
      String text =
          stripComments(Files.readString(file, StandardCharsets.UTF_8))
              .replace("'http://www.w3.org/2000/svg'", "''");
      assertThat(external.matcher(text).find()).as("%s refers to another site", file).isFalse();
    }
  }

  @Test
  void thePageHasNoInlineScriptOrStyle() throws IOException {
    String html = Files.readString(ROOT.resolve("index.html"), StandardCharsets.UTF_8);
    assertThat(html)
        .doesNotContainPattern("<script(?![^>]*\\bsrc=)")
        .doesNotContain("<style")
        .doesNotContain(" style=");
    assertThat(html).doesNotContainPattern("\\son[a-z]+=");
  }

  /**
   * Every text the console shows through {@code t('…')} (or {@code tr('…')}) and every {@code
   * data-i18n} text of index.html has a Traditional Chinese (zh-HK) entry.
   */
  @Test
  void everyTextHasATraditionalChineseTranslation() throws IOException {
    Pattern call = Pattern.compile("\\bt(?:r)?\\('((?:[^'\\\\\\n]|\\\\.)*)'");
    java.util.Set<String> texts = new java.util.TreeSet<>();
    for (Path script : files(".js")) {
      if (script.getFileName().toString().startsWith("i18n")) {
        continue;
      }
      var m = call.matcher(Files.readString(script, StandardCharsets.UTF_8));
      while (m.find()) {
        texts.add(m.group(1).replace("\\'", "'"));
      }
    }
    var attrs =
        Pattern.compile("data-i18n(?:-label)?=\"([^\"]*)\"")
            .matcher(Files.readString(ROOT.resolve("index.html"), StandardCharsets.UTF_8));
    while (attrs.find()) {
      texts.add(attrs.group(1));
    }
    String zh = Files.readString(ROOT.resolve("js/i18n-zh-hk.js"), StandardCharsets.UTF_8);
    java.util.Set<String> keys = new java.util.HashSet<>();
    var entry =
        Pattern.compile("(?m)^\\s+(?:'((?:[^'\\\\]|\\\\.)*)'|\"([^\"]*)\"|(\\w+)):\\s").matcher(zh);
    while (entry.find()) {
      String key =
          entry.group(1) != null
              ? entry.group(1).replace("\\'", "'")
              : entry.group(2) != null ? entry.group(2) : entry.group(3);
      keys.add(key);
    }
    assertThat(texts).hasSizeGreaterThan(150);
    assertThat(texts.stream().filter(text -> !keys.contains(text)).toList())
        .as("texts without a zh-HK translation")
        .isEmpty();
  }

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static String stripComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }
}

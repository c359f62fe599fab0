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
          Pattern.compile("localStorage"),
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
    }
  }

  @Test
  void nothingIsLoadedFromAnotherSite() throws IOException {
    Pattern external = Pattern.compile("(?i)(https?:)?//[a-z0-9.-]+\\.[a-z]{2,}");
    for (Path file :
        Stream.of(files(".js"), files(".html"), files(".css")).flatMap(List::stream).toList()) {
      String text = stripComments(Files.readString(file, StandardCharsets.UTF_8));
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

  private static List<Path> files(String suffix) throws IOException {
    try (Stream<Path> walk = Files.walk(ROOT)) {
      return walk.filter(p -> p.toString().endsWith(suffix)).sorted().toList();
    }
  }

  private static String stripComments(String code) {
    return code.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("(?m)^\\s*//.*$", "");
  }
}

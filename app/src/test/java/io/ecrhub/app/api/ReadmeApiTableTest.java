package io.ecrhub.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's API table names exactly the operations of the contract (docs/openapi.yaml, itself
 * checked against the running hub by {@link OpenApiDocumentTest}): no path the hub does not serve,
 * no operation left out.
 */
class ReadmeApiTableTest {
  private static final Pattern README_OPERATION =
      Pattern.compile(
          "`((?:GET|POST|PUT|PATCH|DELETE)(?:/(?:GET|POST|PUT|PATCH|DELETE))*) (/[^`\\s]*)`");
  private static final Pattern SPEC_PATH = Pattern.compile("^  (/\\S*):$");
  private static final Pattern SPEC_METHOD = Pattern.compile("^    (get|post|put|patch|delete):$");

  @Test
  void apiTable_listsExactlyTheOperationsOfTheContract() throws IOException {
    assertThat(readmeOperations()).isEqualTo(specOperations());
  }

  private static Set<String> readmeOperations() throws IOException {
    String readme = Files.readString(Path.of("..", "README.md"), StandardCharsets.UTF_8);
    int start = readme.indexOf("## API");
    String section = readme.substring(start, readme.indexOf("\n## ", start + 1));
    Set<String> operations = new TreeSet<>();
    for (String line : section.lines().filter(l -> l.startsWith("| `")).toList()) {
      String endpoints = line.substring(0, line.indexOf(" | "));
      Matcher m = README_OPERATION.matcher(endpoints);
      while (m.find()) {
        for (String method : m.group(1).split("/")) {
          operations.add(method + " " + m.group(2));
        }
      }
    }
    assertThat(operations).as("operations named in the README's API table").hasSizeGreaterThan(50);
    return operations;
  }

  private static Set<String> specOperations() throws IOException {
    Set<String> operations = new TreeSet<>();
    String path = null;
    boolean inPaths = false;
    for (String line :
        Files.readAllLines(Path.of("..", "docs", "openapi.yaml"), StandardCharsets.UTF_8)) {
      if (!line.startsWith(" ")) {
        inPaths = line.equals("paths:");
        continue;
      }
      Matcher p = SPEC_PATH.matcher(line);
      if (inPaths && p.matches()) {
        path = p.group(1);
        continue;
      }
      Matcher m = SPEC_METHOD.matcher(line);
      if (inPaths && path != null && m.matches()) {
        operations.add(m.group(1).toUpperCase(java.util.Locale.ROOT) + " " + path);
      }
    }
    return operations;
  }
}

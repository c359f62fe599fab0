package io.ecrhub.app.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * {@link ProblemCode} is the one catalogue of problem codes: every code the main sources raise (in
 * a problem document, a domain exception, a validation) is listed there, every listed code is
 * raised somewhere, and docs/errors.md is generated from it.
 */
class ProblemCodeCatalogueTest {
  private static final Path ROOT = Path.of("..");
  private static final Path ERRORS_MD = ROOT.resolve("docs/errors.md");
  private static final Set<String> MODULES =
      Set.of(
          "domain",
          "adapters-ecr",
          "adapters-notify",
          "adapters-mms",
          "adapters-qfpay-cloud",
          "app");

  /** A code literal as the argument of a call that raises one. */
  private static final Pattern RAISED =
      Pattern.compile(
          "(?:Exception|require\\w*|problem|Problem\\.of|super|Map\\.entry|err)\\s*\\([^;]{0,300}?"
              + "\"([A-Z][A-Z0-9_]{3,})\"");

  /** A code kept in a constant of an exception class (ConfigSourceException.UNAVAILABLE). */
  private static final Pattern CONSTANT =
      Pattern.compile("static final String \\w+\\s*=\\s*\"([A-Z][A-Z0-9_]{3,})\";");

  /**
   * Codes built at run time from a prefix, and the codes they can build: ProblemMappers' fallback
   * "HTTP_" + status for a refusal of the HTTP layer, NotifyPaging's "INVALID_" + field (only ever
   * called for "status").
   */
  private static final Map<String, Set<String>> BUILT =
      Map.of("HTTP_", Set.of("HTTP_400"), "INVALID_", Set.of("INVALID_STATUS"));

  @Test
  void everyRaisedCode_isCatalogued_andEveryCataloguedCodeIsRaised() throws IOException {
    Map<String, String> raised = raisedCodes();
    Set<String> catalogued =
        Arrays.stream(ProblemCode.values()).map(Enum::name).collect(Collectors.toSet());

    Map<String, String> missing = new TreeMap<>(raised);
    missing.keySet().removeAll(catalogued);
    missing.keySet().removeAll(BUILT.keySet());
    assertThat(missing)
        .as("codes raised in the code but not listed in ProblemCode (add them there)")
        .isEmpty();

    Set<String> unused = new TreeSet<>(catalogued);
    unused.removeAll(raised.keySet());
    BUILT.values().forEach(unused::removeAll);
    assertThat(unused).as("codes in ProblemCode that nothing raises (remove them)").isEmpty();
    assertThat(raised.keySet()).containsAll(BUILT.keySet());
  }

  @Test
  void statuses_agreeWithTheStatusTable() {
    for (ProblemCode code : ProblemCode.values()) {
      assertThat(code.status()).as(code.name()).isBetween(400, 599);
      assertThat(code.meaning()).as(code.name()).isNotBlank();
    }
    // the codes the StatusTable gives a status of their own answer with that status
    for (String name :
        Set.of(
            "TERMINAL_BUSY",
            "IDEMPOTENCY_CONFLICT",
            "TERMINAL_IN_USE",
            "CANCEL_NOT_DELIVERED",
            "TOO_MANY_STREAMS",
            "CONFIG_SOURCE_UNAVAILABLE",
            "HELD_SYNC_RESOLVED")) {
      assertThat(ProblemCode.valueOf(name).status())
          .as(name)
          .isEqualTo(StatusTable.statusOf(new io.ecrhub.domain.shared.DomainException(name, "x")));
    }
  }

  /** docs/errors.md is generated from the catalogue; regenerate with -DupdateErrorsDoc=true. */
  @Test
  void errorsDoc_isGeneratedFromTheCatalogue() throws IOException {
    String generated = errorsMarkdown();
    if (Boolean.getBoolean("updateErrorsDoc")) {
      Files.writeString(ERRORS_MD, generated, StandardCharsets.UTF_8);
    }
    assertThat(Files.exists(ERRORS_MD) ? Files.readString(ERRORS_MD, StandardCharsets.UTF_8) : "")
        .as(
            "docs/errors.md is not what ProblemCode generates; regenerate it with ./mvnw -B verify"
                + " -pl app -am -Dtest=ProblemCodeCatalogueTest"
                + " -Dsurefire.failIfNoSpecifiedTests=false -DskipITs -DskipPgTests"
                + " -DupdateErrorsDoc=true and commit it")
        .isEqualTo(generated);
  }

  static String errorsMarkdown() {
    StringBuilder md = new StringBuilder();
    md.append("# Problem codes\n\n")
        .append("<!-- Generated from io.ecrhub.app.web.ProblemCode by ProblemCodeCatalogueTest;")
        .append(" do not edit by hand. -->\n\n")
        .append("Every error the hub answers is an RFC 9457 problem document")
        .append(" (`application/problem+json`) whose `code` is one of the codes below; the")
        .append(" OpenAPI document (docs/openapi.yaml) lists them as the enum of `Problem.code`.")
        .append(" `type` is `urn:ecrhub:problem:` and the code in lower case with dashes,")
        .append(" `field` names the request field at fault for validation codes. The status is the")
        .append(" one the code is usually answered with; match on `code`, not on the status.\n\n")
        .append("| Code | Status | Meaning |\n|---|---|---|\n");
    for (ProblemCode c : ProblemCode.values()) {
      md.append("| `")
          .append(c.name())
          .append("` | ")
          .append(c.status())
          .append(" | ")
          .append(c.meaning().replace("|", "\\|"))
          .append(" |\n");
    }
    return md.toString();
  }

  private static Map<String, String> raisedCodes() throws IOException {
    Map<String, String> raised = new TreeMap<>();
    for (String module : MODULES) {
      Path src = ROOT.resolve(module).resolve("src/main/java");
      try (Stream<Path> files = Files.walk(src)) {
        files
            .filter(p -> p.toString().endsWith(".java"))
            .forEach(
                p -> {
                  String text = read(p);
                  collect(RAISED.matcher(text), raised, p);
                  if (p.getFileName().toString().endsWith("Exception.java")) {
                    collect(CONSTANT.matcher(text), raised, p);
                  }
                });
      }
    }
    assertThat(raised).as("the scan finds the codes").hasSizeGreaterThan(100);
    return raised;
  }

  private static void collect(Matcher m, Map<String, String> into, Path where) {
    while (m.find()) {
      into.putIfAbsent(m.group(1), where.getFileName().toString());
    }
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

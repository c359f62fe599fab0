package io.ecrhub.app.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artefact {@code ./mvnw package} builds for production ({@code app/target/quarkus-app}, the
 * directory the container image copies) holds no simulator and no demo wiring (ADR 0016), and asked
 * for demo mode it refuses to start before touching a database.
 */
class ProductionArtefactIT {
  private static final List<String> FORBIDDEN = List.of("io/ecrhub/simulator/", "io/ecrhub/demo/");

  @TempDir Path work;

  @Test
  void theProductionArtefact_holdsNoSimulatorAndNoDemoClasses() throws IOException {
    Path app = Path.of(System.getProperty("hub.jar")).toAbsolutePath().getParent();
    List<Path> jars;
    try (Stream<Path> files = Files.walk(app)) {
      jars = files.filter(f -> f.toString().endsWith(".jar")).toList();
    }
    assertThat(jars)
        .as("the jars of %s", app)
        .anyMatch(j -> j.getFileName().toString().startsWith("io.ecrhub.domain-"))
        .noneMatch(j -> j.getFileName().toString().contains("simulator"))
        .noneMatch(j -> j.getFileName().toString().contains("demo"));
    List<String> offending = new ArrayList<>();
    for (Path jar : jars) {
      offending.addAll(forbiddenEntries(jar));
    }
    assertThat(offending).as("simulator or demo classes in the production artefact").isEmpty();
  }

  @Test
  void demoModeAskedOfTheProductionBuild_isRefusedBeforeTheDatabaseIsTouched() throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("ECRHUB_DEMO", "true");
    env.put("ECRHUB_SECRETS_MASTER_KEY", "");

    HubProcess.Exited refused = HubProcess.runToExit("prod-demo", work, env);

    refused
        .assertRefused(
            "ECR Hub refuses to start: demo mode (ecrhub.demo=true) asked of the production")
        .contains("java -jar demo/target/quarkus-app/quarkus-run.jar")
        .doesNotContain("Admin API key");
    assertThat(work.resolve("data/master.key")).doesNotExist();
  }

  private static List<String> forbiddenEntries(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.stream()
          .map(e -> e.getName())
          .filter(
              n ->
                  FORBIDDEN.stream().anyMatch(n::startsWith) || n.startsWith("io/ecrhub/app/demo/"))
          .map(n -> jar.getFileName() + "!" + n)
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}

package io.ecrhub.app.client;

import static io.ecrhub.app.support.Api.registerSimulated;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.app.support.Api;
import io.ecrhub.app.support.SimulatorResource;
import io.ecrhub.simulator.SimulatedTerminal;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The web till's TypeScript example (examples/web-till) type-checked with the pinned TypeScript and
 * run with Node.js against the hub and a simulated terminal: it starts a payment with fetch,
 * follows the event stream with a streaming reader (a Bearer header, which EventSource cannot send)
 * and prints the settled payment. ./test.sh installs Node's packages (npm ci) before the build.
 */
@QuarkusTest
class WebTillExampleTest {
  private static final Path EXAMPLE = Path.of("..", "examples", "web-till").toAbsolutePath();

  private final SimulatedTerminal sim = SimulatorResource.terminal(1);

  @TestHTTPResource("/")
  URI hub;

  @Test
  void theTypeScriptExampleTakesAPaymentAndFollowsItsEvents() throws Exception {
    Path out = Path.of("target", "web-till-example").toAbsolutePath();
    Path tsc = EXAMPLE.resolve("node_modules/.bin/tsc");
    if (!Files.isExecutable(tsc)) {
      run(EXAMPLE, 300, "npm", "ci", "--no-audit", "--no-fund");
    }
    run(EXAMPLE, 300, tsc.toString(), "-p", ".", "--outDir", out.toString());
    String terminal = registerSimulated(sim, null);

    String printed =
        run(out, 120, "node", "run.js", hub.toString(), Api.ADMIN_KEY, terminal, "12.50");

    List<String> lines = printed.lines().toList();
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("payment.in_progress"));
    assertThat(lines).anySatisfy(l -> assertThat(l).startsWith("payment.succeeded"));
    assertThat(lines.getLast())
        .contains("\"terminalId\":\"" + terminal + "\"")
        .contains("\"status\":\"SUCCEEDED\"")
        .contains("\"amount\":\"12.50\"");
  }

  /** Runs a command in {@code dir} and returns its output; fails on a non-zero exit. */
  private static String run(Path dir, int seconds, String... command)
      throws IOException, InterruptedException {
    Process p =
        new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
    byte[] output;
    try (var in = p.getInputStream()) {
      output = in.readAllBytes();
    }
    if (!p.waitFor(seconds, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError(String.join(" ", command) + " did not finish in " + seconds + " s");
    }
    String text = new String(output, StandardCharsets.UTF_8);
    assertThat(p.exitValue()).as(String.join(" ", command) + " printed:\n" + text).isZero();
    return text;
  }
}

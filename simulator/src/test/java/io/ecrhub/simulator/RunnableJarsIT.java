package io.ecrhub.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runnable jars as the README runs them ({@code java -jar}, no JVM options): the standalone
 * simulator and the doctor CLI examining one of its terminals print their own output only: no JVM
 * warning (Netty's {@code sun.misc.Unsafe} use on JDK 24+) and no java.util.logging line.
 */
class RunnableJarsIT {
  private static final Pattern TERMINAL =
      Pattern.compile("sim-1  HTTPS 127\\.0\\.0\\.1:(\\d+)  POS key ([0-9a-f]{32})");

  @TempDir Path dir;

  @Test
  void simulatorAndDoctor_printNoJvmWarningsAndNoLogLines() throws Exception {
    Path simErr = dir.resolve("sim.err");
    String options =
        "--terminals=1 --https-port=0 --tcp-port=-1 --run-for-ms=120000 --ca-out=" + dir;
    Process sim =
        java("ecrhub-simulator.jar", System.getProperty("simulator.jar"), options.split(" "))
            .redirectError(simErr.toFile())
            .start();
    try {
      Matcher terminal = awaitTerminal(sim);
      Path keyFile = Files.writeString(dir.resolve("pos.key"), terminal.group(2));
      Path doctorOut = dir.resolve("doctor.out");
      Path doctorErr = dir.resolve("doctor.err");
      String doctorArgs =
          "doctor --host=127.0.0.1 --port=%s --pos-key-file=%s --ca-file=%s"
              .formatted(terminal.group(1), keyFile, dir.resolve("ecrhub-simulator-ca.pem"));
      Process doctor =
          java("doctor CLI", System.getProperty("cli.jar"), doctorArgs.split(" "))
              .redirectOutput(doctorOut.toFile())
              .redirectError(doctorErr.toFile())
              .start();
      assertThat(doctor.waitFor(120, TimeUnit.SECONDS)).as("the doctor finished").isTrue();
      String report = Files.readString(doctorOut);
      assertThat(doctor.exitValue()).as(report).isBetween(0, 2);
      assertThat(report)
          .contains("ECR doctor: 127.0.0.1:" + terminal.group(1))
          .contains("PASS  ECR service answers with the configured POS key")
          .doesNotContain("INFO");
      assertThat(Files.readString(doctorErr)).as("the doctor's stderr").isEmpty();
    } finally {
      sim.destroy();
      sim.waitFor(30, TimeUnit.SECONDS);
    }
    assertThat(Files.readString(simErr)).as("the simulator's stderr").doesNotContain("WARNING");
  }

  private static ProcessBuilder java(String what, String jar, String... args) {
    assertThat(jar).as("the path of the " + what + " (system property)").isNotNull();
    assertThat(Path.of(jar)).as("the " + what + " (built in package)").exists();
    String[] command = new String[args.length + 3];
    command[0] = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    command[1] = "-jar";
    command[2] = jar;
    System.arraycopy(args, 0, command, 3, args.length);
    return new ProcessBuilder(command);
  }

  private static Matcher awaitTerminal(Process sim) throws IOException {
    BufferedReader out =
        new BufferedReader(new InputStreamReader(sim.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      seen.append(line).append('\n');
      Matcher m = TERMINAL.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> out.lines().forEach(l -> {}), "sim-stdout");
        drain.setDaemon(true);
        drain.start();
        return m;
      }
    }
    throw new AssertionError("the simulator printed no terminal:\n" + seen);
  }
}

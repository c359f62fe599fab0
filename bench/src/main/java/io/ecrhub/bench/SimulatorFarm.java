package io.ecrhub.bench;

import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.SimulatorPki;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * The far side of {@link CapacityBench}, run in its own JVM so the measured JVM holds only the
 * channel: many simulated terminals on 127.0.0.1 ({@code --transport https} or {@code http}, one
 * ephemeral port each, one shared POS key and leaf, every payment waiting {@code --card-wait-ms}
 * for the card). The standalone simulator's command line stops at 99 terminals; the embedded API
 * does not, so no simulator change is needed.
 *
 * <p>Protocol on stdout: {@code ready <ports file> <CA PEM file> <POS key>}, then {@code inflight
 * <n>} every 100 ms (terminals holding a payment). It stops when stdin closes or after {@code
 * --max-minutes}.
 */
public final class SimulatorFarm {
  private SimulatorFarm() {}

  public static void main(String[] args) throws Exception {
    int terminals = BenchSupport.intArg(args, "terminals", 1000);
    Duration cardWait = Duration.ofMillis(BenchSupport.intArg(args, "card-wait-ms", 30_000));
    int maxMinutes = BenchSupport.intArg(args, "max-minutes", 60);
    boolean http = BenchSupport.arg(args, "transport", "https").equals("http");
    String posKey = "0123456789abcdef0123456789abcdef";
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);

    SimulatorPki.Ca ca = SimulatorPki.newCa("ECR Hub Bench CA");
    SimulatorConfig.Builder cfg =
        SimulatorConfig.builder().ca(ca).serverCertificate(ca.issueLeaf("127.0.0.1"));
    for (int i = 0; i < terminals; i++) {
      cfg.terminal(
          TerminalConfig.builder("cap-" + i)
              .posKey(posKey)
              .httpsPort(http ? TerminalConfig.DISABLED : TerminalConfig.EPHEMERAL)
              .httpPort(http ? TerminalConfig.EPHEMERAL : TerminalConfig.DISABLED)
              .tcpPort(TerminalConfig.DISABLED)
              .cardWait(cardWait)
              .build());
    }
    try (TerminalSimulator sim = TerminalSimulator.start(cfg.build())) {
      List<SimulatedTerminal> all = sim.terminals();
      Path dir = Files.createTempDirectory("ecrhub-farm");
      // registered first, deleted last (also when the parent destroys this JVM)
      dir.toFile().deleteOnExit();
      Path ports =
          Files.writeString(
              dir.resolve("ports.txt"),
              all.stream()
                  .map(t -> String.valueOf(http ? t.httpPort() : t.httpsPort()))
                  .collect(Collectors.joining("\n")));
      Path caPem = sim.writeCaPem(dir.resolve("ca.pem"));
      ports.toFile().deleteOnExit();
      caPem.toFile().deleteOnExit();
      out.printf("ready %s %s %s%n", ports, caPem, posKey);
      Thread reporter = Thread.ofPlatform().daemon().start(() -> report(all, out));
      Thread stdin = Thread.ofPlatform().daemon().start(SimulatorFarm::drainStdin);
      stdin.join(TimeUnit.MINUTES.toMillis(maxMinutes));
      reporter.interrupt();
    }
  }

  private static void report(List<SimulatedTerminal> all, PrintStream out) {
    while (!Thread.currentThread().isInterrupted()) {
      long held = all.stream().filter(t -> t.inFlight().isPresent()).count();
      out.println("inflight " + held);
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        return;
      }
    }
  }

  private static void drainStdin() {
    try {
      while (System.in.read() >= 0) {
        // the parent holds stdin open while it needs the terminals
      }
    } catch (IOException e) {
      // parent gone: stop
    }
  }
}

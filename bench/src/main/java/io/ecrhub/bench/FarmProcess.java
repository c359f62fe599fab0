package io.ecrhub.bench;

import io.ecrhub.domain.terminal.Transport;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A {@link SimulatorFarm} in a child JVM (same java binary and class path as this one): its
 * terminals' ports, CA and POS key, and the number of payments its terminals hold, as it reports.
 * Closing it closes the child's stdin, which stops it; a child that lingers is destroyed.
 */
public final class FarmProcess implements AutoCloseable {
  private final Process process;
  private final List<Integer> ports;
  private final String caPem;
  private final String posKey;
  private final AtomicLong held = new AtomicLong();
  private final AtomicLong peak = new AtomicLong();

  private FarmProcess(Process process, List<Integer> ports, String caPem, String posKey) {
    this.process = process;
    this.ports = List.copyOf(ports);
    this.caPem = caPem;
    this.posKey = posKey;
  }

  public static FarmProcess start(
      int terminals, Transport transport, Duration cardWait, String heap) throws IOException {
    String java = ProcessHandle.current().info().command().orElse("java");
    List<String> cmd = new ArrayList<>(List.of(java, "-Xmx" + heap));
    if (Runtime.version().feature() >= 24) {
      cmd.add("--sun-misc-unsafe-memory-access=allow");
    }
    cmd.addAll(
        List.of(
            "-cp",
            System.getProperty("java.class.path"),
            SimulatorFarm.class.getName(),
            "--terminals",
            String.valueOf(terminals),
            "--transport",
            transport.name().toLowerCase(Locale.ROOT),
            "--card-wait-ms",
            String.valueOf(cardWait.toMillis())));
    Process p = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    try {
      BufferedReader in =
          new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
      String line = in.readLine();
      if (line == null || !line.startsWith("ready ")) {
        throw new IOException("simulator farm did not start: " + line);
      }
      String[] f = line.split(" ");
      List<Integer> ports =
          Files.readAllLines(Path.of(f[1])).stream().map(Integer::valueOf).toList();
      FarmProcess farm = new FarmProcess(p, ports, Files.readString(Path.of(f[2])), f[3]);
      Thread.ofPlatform().daemon().name("farm-reader").start(() -> farm.follow(in));
      return farm;
    } catch (IOException | RuntimeException e) {
      p.destroyForcibly();
      throw e;
    }
  }

  public List<Integer> ports() {
    return ports;
  }

  public String caPem() {
    return caPem;
  }

  public String posKey() {
    return posKey;
  }

  /** Payments the farm's terminals hold right now (as of its last report, at most 100 ms old). */
  public long held() {
    return held.get();
  }

  /** The highest {@link #held()} since the last call, then starts over. */
  public long takePeak() {
    return peak.getAndSet(held.get());
  }

  private void follow(BufferedReader in) {
    try {
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        if (line.startsWith("inflight ")) {
          long n = Long.parseLong(line.substring("inflight ".length()).trim());
          held.set(n);
          peak.accumulateAndGet(n, Math::max);
        }
      }
    } catch (IOException e) {
      // the farm is gone (closed or destroyed): nothing more to follow
    }
  }

  @Override
  public void close() throws IOException {
    process.getOutputStream().close();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(5, TimeUnit.SECONDS)) {
          process.destroyForcibly();
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}

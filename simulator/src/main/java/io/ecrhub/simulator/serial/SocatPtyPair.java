package io.ecrhub.simulator.serial;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A null-modem cable for tests and demos: two pseudo-terminals joined by {@code socat -d -d
 * pty,raw,echo=0,link=DIR/ecr pty,raw,echo=0,link=DIR/pos}. The hub opens {@link #ecr()}, a {@link
 * SerialTerminalServer} opens {@link #pos()}. {@link #close()} stops socat and waits for it to
 * exit; a JVM shutdown hook stops it too if the owner never closes it.
 *
 * <p>Requires {@code socat} on the PATH: when it is missing, {@link #start} throws with "install
 * socat" in the message. It never silently skips.
 */
public final class SocatPtyPair implements AutoCloseable {
  private static final Duration READY_WAIT = Duration.ofSeconds(30);
  private static final int LOG_LINES_KEPT = 20;

  private final Path ecr;
  private final Path pos;
  private final Process process;
  private final Thread shutdownHook;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();
  private final Deque<String> lastLog = new ArrayDeque<>();

  private SocatPtyPair(Path dir) {
    this.ecr = dir.resolve("ecr");
    this.pos = dir.resolve("pos");
    ProcessBuilder pb =
        new ProcessBuilder(
                "socat", "-d", "-d", "pty,raw,echo=0,link=" + ecr, "pty,raw,echo=0,link=" + pos)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException(
          "socat is required for the serial link but could not be started ("
              + e.getMessage()
              + "); install socat, e.g. apt-get install -y socat",
          e);
    }
    shutdownHook = new Thread(process::destroyForcibly, "socat-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    Thread.ofPlatform().daemon().name("socat-log").start(this::drainLog);
  }

  /**
   * Starts socat with the links {@code dir/ecr} and {@code dir/pos} and waits until both exist.
   *
   * @throws IllegalStateException when socat is missing (install socat) or does not come up
   */
  public static SocatPtyPair start(Path dir) {
    SocatPtyPair pair = new SocatPtyPair(dir);
    try {
      pair.ready.get(READY_WAIT.toSeconds(), TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      pair.close();
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while socat set up the pty pair", e);
    } catch (ExecutionException | TimeoutException e) {
      pair.close();
      throw new IllegalStateException(
          "socat did not set up the pty pair within "
              + READY_WAIT.toSeconds()
              + " s; its log: "
              + pair.log(),
          e);
    }
    if (!Files.exists(pair.ecr) || !Files.exists(pair.pos)) {
      pair.close();
      throw new IllegalStateException(
          "socat reported ready but " + pair.ecr + " or " + pair.pos + " does not exist");
    }
    return pair;
  }

  /** The hub's (cash register's) end. */
  public Path ecr() {
    return ecr;
  }

  /** The terminal's (POS's) end. */
  public Path pos() {
    return pos;
  }

  /** The socat process id (for diagnostics). */
  public long pid() {
    return process.pid();
  }

  public boolean isAlive() {
    return process.isAlive();
  }

  // socat -d -d logs "starting data transfer loop" once both ptys and links exist; the log is
  // drained to the end so socat never blocks on a full pipe
  private void drainLog() {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        remember(line);
        if (line.contains("starting data transfer loop")) {
          ready.complete(null);
        }
      }
      ready.completeExceptionally(new IOException("socat exited"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

  private synchronized void remember(String line) {
    lastLog.addLast(line);
    if (lastLog.size() > LOG_LINES_KEPT) {
      lastLog.removeFirst();
    }
  }

  private synchronized String log() {
    return String.join(" | ", lastLog);
  }

  /** Stops socat and waits for it to exit. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // the JVM is already shutting down; the hook stops socat
    }
  }
}

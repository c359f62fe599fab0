package io.ecrhub.ecr.serial;

import static org.assertj.core.api.Assertions.fail;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A pseudo-terminal pair joined by socat, as a null-modem cable between two serial ports: {@code
 * ecr} and {@code pos} link to the two ptys. Fails (never skips) when socat is missing.
 */
final class SocatPtyPair implements AutoCloseable {
  final Path ecr;
  final Path pos;
  private final Process process;
  private final CompletableFuture<Void> ready = new CompletableFuture<>();

  SocatPtyPair(Path dir) throws Exception {
    this.ecr = dir.resolve("ecr");
    this.pos = dir.resolve("pos");
    ProcessBuilder pb =
        new ProcessBuilder(
                "socat", "-d", "-d", "pty,raw,echo=0,link=" + ecr, "pty,raw,echo=0,link=" + pos)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new AssertionError(
          "socat is required for the serial end-to-end tests but could not be started ("
              + e.getMessage()
              + "); install it, e.g. apt-get install -y socat",
          e);
    }
    // socat -d -d logs "starting data transfer loop" once both ptys and links exist; keep
    // draining its log afterwards so it never blocks on a full pipe
    Thread.ofPlatform().daemon().name("socat-log").start(this::watchLog);
    try {
      ready.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      close();
      fail("socat did not set up the pty pair (" + e + "); alive=" + process.isAlive());
    }
    if (!Files.exists(ecr) || !Files.exists(pos)) {
      close();
      fail("socat reported ready but the links " + ecr + " and " + pos + " do not exist");
    }
  }

  private void watchLog() {
    try (BufferedReader err =
        new BufferedReader(
            new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = err.readLine()) != null) {
        if (line.contains("starting data transfer loop")) {
          ready.complete(null);
        }
      }
      ready.completeExceptionally(new IOException("socat exited"));
    } catch (IOException e) {
      ready.completeExceptionally(e);
    }
  }

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
  }
}

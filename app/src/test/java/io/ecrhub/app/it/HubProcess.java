package io.ecrhub.app.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One hub as operators run it: {@code java -jar quarkus-run.jar} in its own process, configured
 * through environment variables, on an ephemeral port; {@link #kill()} stops it like a crash.
 */
final class HubProcess implements AutoCloseable {
  static final String ADMIN_KEY = "it-admin-key-0123456789abcdefghij";
  static final String MASTER_KEY = "aXQtbWFzdGVyLWtleS0zMi1ieXRlcy1sb25nLS0tLS0=";
  private static final Pattern LISTENING = Pattern.compile("Listening on: http://[^:]+:(\\d+)");

  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final String name;

  private HubProcess(String name, Process process) {
    this.name = name;
    this.process = process;
    Thread pump = new Thread(this::pump, "hub-output-" + name);
    pump.setDaemon(true);
    pump.start();
  }

  /**
   * Starts a hub and waits until it listens.
   *
   * @param workDir working directory (the default H2 database lives under it)
   * @param env settings as environment variables, on top of the test defaults
   */
  static HubProcess start(String name, Path workDir, Map<String, String> env) throws IOException {
    String jar = System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar");
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    ProcessBuilder pb =
        new ProcessBuilder(
            java.toString(), "-Xmx256m", "-jar", Path.of(jar).toAbsolutePath().toString());
    pb.directory(workDir.toFile());
    pb.redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.put("QUARKUS_HTTP_PORT", "0");
    e.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    e.put("ECRHUB_SECRETS_MASTER_KEY", MASTER_KEY);
    e.put("ECRHUB_SECURITY_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
    e.put("ECRHUB_INSTANCE_ID", name);
    e.put("ECRHUB_RECONCILIATION_EVERY", "1s");
    e.putAll(env);
    HubProcess hub = new HubProcess(name, pb.start());
    try {
      hub.port.get(120, TimeUnit.SECONDS);
    } catch (Exception ex) {
      hub.kill();
      throw new IllegalStateException(
          "hub " + name + " did not start:\n" + String.join("\n", hub.output), ex);
    }
    return hub;
  }

  /** Environment for the database the test run uses: PostgreSQL with the pg profile, else H2. */
  static Map<String, String> database(String h2Url) {
    Map<String, String> env = new HashMap<>();
    if ("pg".equals(System.getProperty("quarkus.test.profile"))) {
      // PostgresTestDatabase publishes the run's fresh database as system properties
      env.put(
          "ECRHUB_DB_URL", setting("ECRHUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/ecrhub_app"));
      env.put("ECRHUB_DB_USER", setting("ECRHUB_DB_USER", "postgres"));
      env.put("ECRHUB_DB_PASSWORD", setting("ECRHUB_DB_PASSWORD", ""));
    } else if (h2Url != null) {
      env.put("ECRHUB_DB_URL", h2Url);
    }
    return env;
  }

  private static String setting(String name, String fallback) {
    String v = System.getProperty(name);
    if (v == null) {
      v = System.getenv(name);
    }
    return v == null ? fallback : v;
  }

  static boolean onPostgres() {
    return "pg".equals(System.getProperty("quarkus.test.profile"));
  }

  private void pump() {
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        output.add(line);
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          port.complete(Integer.parseInt(m.group(1)));
        }
      }
    } catch (IOException e) {
      // process gone
    } finally {
      port.completeExceptionally(new IllegalStateException("hub exited"));
    }
  }

  String baseUri() {
    return "http://127.0.0.1:" + port.join();
  }

  List<String> output() {
    return List.copyOf(output);
  }

  /** Stops the process at once (SIGKILL), as a crash or power cut would. */
  void kill() {
    process.destroyForcibly();
    try {
      process.waitFor(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroy();
      try {
        if (!process.waitFor(Duration.ofSeconds(30).toSeconds(), TimeUnit.SECONDS)) {
          kill();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        kill();
      }
    }
  }

  @Override
  public String toString() {
    return "hub " + name;
  }
}

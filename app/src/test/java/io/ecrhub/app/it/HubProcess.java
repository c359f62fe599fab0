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
 * through environment variables, on ephemeral ports (the public one, HTTPS when configured, and the
 * management interface of ADR 0010: {@link #managementUri()} for {@code /q/health}, {@code
 * /q/metrics}); {@link #kill()} stops it like a crash. {@link #runToExit} runs one that is expected
 * to refuse to start.
 */
final class HubProcess implements AutoCloseable {
  static final String ADMIN_KEY = "it-admin-key-0123456789abcdefghij";
  static final String MASTER_KEY = "aXQtbWFzdGVyLWtleS0zMi1ieXRlcy1sb25nLS0tLS0=";
  private static final Pattern LISTENING = Pattern.compile("Listening on: (.*)$");
  private static final Pattern HTTP = Pattern.compile("http://[^: ]+:(\\d+)");
  private static final Pattern HTTPS = Pattern.compile("https://[^: ]+:(\\d+)");
  private static final Pattern MANAGEMENT =
      Pattern.compile("Management interface listening on (https?://[^ ]+:\\d+)");

  private final Process process;
  private final List<String> output = Collections.synchronizedList(new ArrayList<>());
  private final CompletableFuture<Integer> port = new CompletableFuture<>();
  private final CompletableFuture<Integer> httpsPort = new CompletableFuture<>();
  private final CompletableFuture<String> management = new CompletableFuture<>();
  private final String name;
  private final java.util.concurrent.CountDownLatch pumped =
      new java.util.concurrent.CountDownLatch(1);

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
    return start(name, workDir, env, List.of());
  }

  /**
   * Starts a hub with extra JVM options (before {@code -jar}) and waits until it listens.
   *
   * @param jvmOptions e.g. {@code -XX:AOTCache=app.aot} (ADR 0029)
   */
  static HubProcess start(
      String name, Path workDir, Map<String, String> env, List<String> jvmOptions)
      throws IOException {
    HubProcess hub = new HubProcess(name, builder(name, workDir, env, jvmOptions).start());
    try {
      hub.port.get(300, TimeUnit.SECONDS);
    } catch (Exception ex) {
      hub.kill();
      throw new IllegalStateException(
          "hub " + name + " did not start:\n" + String.join("\n", hub.output), ex);
    }
    return hub;
  }

  /** How a hub that was expected to refuse to start ended. */
  record Exited(int exitCode, List<String> output) {
    String text() {
      return String.join("\n", output);
    }

    /**
     * Asserts a refused start: a non-zero exit, the reason, no migration and no stack trace;
     * returns the output's assertion for more.
     */
    org.assertj.core.api.AbstractStringAssert<?> assertRefused(String reason) {
      org.assertj.core.api.Assertions.assertThat(exitCode).as("exit status").isNotZero();
      return org.assertj.core.api.Assertions.assertThat(text())
          .contains(reason)
          .doesNotContain("Migrating schema")
          .doesNotContain("\tat ");
    }
  }

  /**
   * Starts a hub expected to stop by itself (a refused configuration) and waits for its exit.
   *
   * @throws IllegalStateException if it is still running after two minutes (it is killed)
   */
  static Exited runToExit(String name, Path workDir, Map<String, String> env)
      throws IOException, InterruptedException {
    HubProcess hub = new HubProcess(name, builder(name, workDir, env, List.of()).start());
    if (!hub.process.waitFor(120, TimeUnit.SECONDS)) {
      hub.kill();
      throw new IllegalStateException(
          "hub " + name + " did not stop:\n" + String.join("\n", hub.output));
    }
    hub.pumped.await(30, TimeUnit.SECONDS);
    return new Exited(hub.process.exitValue(), hub.output());
  }

  private static ProcessBuilder builder(
      String name, Path workDir, Map<String, String> env, List<String> jvmOptions) {
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-Xmx256m");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.directory(workDir.toFile());
    pb.redirectErrorStream(true);
    Map<String, String> e = pb.environment();
    e.put("QUARKUS_HTTP_PORT", "0");
    e.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    // the management interface (ADR 0010) on a free port too: instances side by side never collide
    e.put("QUARKUS_MANAGEMENT_PORT", "0");
    e.put("ECRHUB_SECRETS_MASTER_KEY", MASTER_KEY);
    e.put("ECRHUB_SECURITY_BOOTSTRAP_ADMIN_KEY", ADMIN_KEY);
    e.put("ECRHUB_INSTANCE_ID", name);
    e.put("ECRHUB_RECONCILIATION_EVERY", "1s");
    // closing a hub with a payment left in its card wait drains briefly (ADR 0024), unless a test
    // sets its own bound
    e.put("ECRHUB_SHUTDOWN_DRAIN", "5s");
    e.putAll(env);
    return pb;
  }

  /** The packaged hub: {@code -Dhub.jar}, else the build's fast-jar (or aot-jar) launcher. */
  static Path jar() {
    return Path.of(System.getProperty("hub.jar", "target/quarkus-app/quarkus-run.jar"))
        .toAbsolutePath();
  }

  /**
   * The {@code java} launcher the hubs run on: {@code -Dhub.java}, else this JVM's. An AOT cache is
   * only valid on the very JVM that wrote it (ADR 0029), so the container build trains with the
   * runtime image's JRE.
   */
  static String java() {
    String java = System.getProperty("hub.java", "");
    return java.isBlank()
        ? Path.of(System.getProperty("java.home"), "bin", "java").toString()
        : java;
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
        Matcher mm = MANAGEMENT.matcher(line);
        if (mm.find()) {
          management.complete(mm.group(1));
        }
        Matcher m = LISTENING.matcher(line);
        if (m.find()) {
          Matcher http = HTTP.matcher(m.group(1));
          Matcher https = HTTPS.matcher(m.group(1));
          if (https.find()) {
            httpsPort.complete(Integer.parseInt(https.group(1)));
          }
          port.complete(http.find() ? Integer.parseInt(http.group(1)) : -1);
        }
      }
    } catch (IOException e) {
      // process gone
    } finally {
      IllegalStateException gone = new IllegalStateException("hub exited");
      port.completeExceptionally(gone);
      httpsPort.completeExceptionally(gone);
      management.completeExceptionally(gone);
      pumped.countDown();
    }
  }

  /** The public port over plain HTTP (the only one unless TLS is configured). */
  String baseUri() {
    int p = port.join();
    if (p < 0) {
      throw new IllegalStateException(this + " serves no plain HTTP (insecure requests disabled)");
    }
    return "http://127.0.0.1:" + p;
  }

  /** The public port over HTTPS, when {@code quarkus.http.ssl-port} and a key store are set. */
  String httpsUri() {
    if (!httpsPort.isDone() || httpsPort.isCompletedExceptionally()) {
      throw new IllegalStateException(this + " serves no HTTPS");
    }
    return "https://127.0.0.1:" + httpsPort.join();
  }

  /**
   * The management interface as the hub logged it ({@code http://127.0.0.1:<port>}): health,
   * metrics, OpenAPI. Only for a hub that has started.
   */
  String managementUri() {
    try {
      return management.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(this + " logged no management interface", e);
    }
  }

  List<String> output() {
    return List.copyOf(output);
  }

  /**
   * Asks the process to stop (SIGTERM), as Kubernetes or systemd do, without waiting: the hub
   * drains (ADR 0024) and exits by itself.
   */
  void terminate() {
    process.destroy();
  }

  /**
   * Whether the process has exited within {@code wait}; if so, its output has been read to the end
   * (up to 30 s more) when this returns.
   */
  boolean exitsWithin(Duration wait) throws InterruptedException {
    if (!process.waitFor(wait.toMillis(), TimeUnit.MILLISECONDS)) {
      return false;
    }
    pumped.await(30, TimeUnit.SECONDS);
    return true;
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

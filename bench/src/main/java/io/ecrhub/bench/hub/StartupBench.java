package io.ecrhub.bench.hub;

import io.ecrhub.bench.BenchSupport;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up of the packaged hub (not the demo), side by side with and without the JDK's AOT cache
 * (ADR 0029), in one run: each start is timed from just before the process is created to the first
 * 200 of {@code /q/health/ready} on the management port (Quarkus' own "started in" figure is
 * recorded too), then the hub idles and its resident set ({@code VmRSS} of {@code
 * /proc/<pid>/status}) is read, then it is stopped with SIGTERM. Variants alternate run by run so a
 * change in the machine's load hits them alike; the load average is recorded before and after.
 *
 * <pre>
 *   java -cp bench/target/ecrhub-bench.jar io.ecrhub.bench.hub.StartupBench \
 *       --hub-dir app/target/quarkus-app [--baseline-dir /path/to/fast-jar/quarkus-app] \
 *       [--runs 5] [--idle-s 10] [--java /path/to/java] [--jvm-opts "-Xmx256m"] \
 *       [--db-url jdbc:postgresql://127.0.0.1:5432/db --db-user postgres]
 * </pre>
 *
 * <p>{@code --hub-dir} is an {@code aot-jar} build with {@code app.aot} ({@code -Paot}), trained in
 * that very directory (the cache holds it: {@code -Daot.dir} to train elsewhere, ADR 0029); it runs
 * with {@code -XX:AOTCache=app.aot} and without. {@code --baseline-dir} adds the default fast-jar
 * build as a third variant. Without {@code --db-url} the hub uses its default embedded H2 database
 * (the edge-server setup) in a temporary directory; either way a first, untimed start migrates the
 * schema, so the timed starts are restarts on a migrated database.
 */
public final class StartupBench {
  private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

  private record Variant(String name, Path dir, List<String> jvmOptions) {}

  private final String java;
  private final List<String> jvmOpts;
  private final Map<String, String> dbEnv;
  private final Path work;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
  private final String masterKey;

  private StartupBench(String java, List<String> jvmOpts, Map<String, String> dbEnv, Path work) {
    this.java = java;
    this.jvmOpts = jvmOpts;
    this.dbEnv = dbEnv;
    this.work = work;
    byte[] key = new byte[32];
    new SecureRandom().nextBytes(key);
    this.masterKey = Base64.getEncoder().encodeToString(key);
  }

  public static void main(String[] args) throws Exception {
    Path hubDir = Path.of(BenchSupport.arg(args, "hub-dir", "app/target/quarkus-app"));
    String baseline = BenchSupport.arg(args, "baseline-dir", null);
    int runs = BenchSupport.intArg(args, "runs", 5);
    int idleS = BenchSupport.intArg(args, "idle-s", 10);
    String java =
        BenchSupport.arg(
            args, "java", Path.of(System.getProperty("java.home"), "bin", "java").toString());
    String opts = BenchSupport.arg(args, "jvm-opts", "").trim();
    List<String> jvmOpts = opts.isEmpty() ? List.of() : List.of(opts.split("\\s+"));
    Map<String, String> db = new LinkedHashMap<>();
    String url = BenchSupport.arg(args, "db-url", null);
    if (url != null) {
      db.put("ECRHUB_DB_URL", url);
      db.put("ECRHUB_DB_USER", BenchSupport.arg(args, "db-user", "postgres"));
      db.put("ECRHUB_DB_PASSWORD", BenchSupport.arg(args, "db-password", ""));
    }
    Path cache = hubDir.resolve("app.aot").toAbsolutePath();
    if (!Files.exists(cache)) {
      throw new IllegalArgumentException(
          cache
              + " does not exist: build it with ./mvnw -B -Paot verify -pl app -am -DskipTests"
              + " (ADR 0029)");
    }
    List<Variant> variants = new ArrayList<>();
    if (baseline != null) {
      variants.add(new Variant("fast-jar, no cache (default build)", Path.of(baseline), List.of()));
    }
    variants.add(new Variant("aot-jar, no cache", hubDir, List.of()));
    variants.add(new Variant("aot-jar + AOT cache", hubDir, List.of("-XX:AOTCache=" + cache)));

    Path work = Files.createTempDirectory("ecrhub-startup");
    Path result = BenchSupport.resultFile(args, "startup", "json");
    StartupBench bench = new StartupBench(java, jvmOpts, db, work);
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("environment", BenchSupport.environment());
    out.put("load_before", Files.readString(Path.of("/proc/loadavg")).trim());
    out.put("java", java);
    out.put("jvm_options", jvmOpts);
    out.put("database", url == null ? "H2 (embedded, default)" : url);
    out.put("runs", runs);
    out.put("idle_s", idleS);

    System.out.println("migrating the database (untimed start) ...");
    bench.start(variants.get(0), "migrate", 0);
    Map<String, List<Map<String, Object>>> byVariant = new LinkedHashMap<>();
    variants.forEach(v -> byVariant.put(v.name(), new ArrayList<>()));
    for (int r = 1; r <= runs; r++) {
      for (Variant v : variants) {
        Map<String, Object> one = bench.start(v, "run" + r, idleS);
        System.out.printf(
            Locale.ROOT,
            "run %d %-38s ready %6d ms (Quarkus: started in %s s), RSS after %d s idle %d MB"
                + " (anon %d, file %d)%n",
            r,
            v.name(),
            one.get("ready_ms"),
            one.get("quarkus_started_in_s"),
            idleS,
            one.get("rss_idle_mb"),
            one.get("rss_anon_mb"),
            one.get("rss_file_mb"));
        byVariant.get(v.name()).add(one);
      }
    }
    out.put("load_after", Files.readString(Path.of("/proc/loadavg")).trim());

    List<Map<String, Object>> summary = new ArrayList<>();
    System.out.println();
    System.out.println(
        "| variant | runs | ready ms median | ready ms min-max | RSS idle MB median | of it anon MB |");
    System.out.println("|---|---|---|---|---|---|");
    for (var e : byVariant.entrySet()) {
      List<Long> ready = e.getValue().stream().map(m -> (Long) m.get("ready_ms")).sorted().toList();
      List<Long> rss =
          e.getValue().stream().map(m -> (Long) m.get("rss_idle_mb")).sorted().toList();
      List<Long> anon =
          e.getValue().stream().map(m -> (Long) m.get("rss_anon_mb")).sorted().toList();
      Map<String, Object> s = new LinkedHashMap<>();
      s.put("variant", e.getKey());
      s.put("ready_ms_median", median(ready));
      s.put("ready_ms_min", ready.get(0));
      s.put("ready_ms_max", ready.get(ready.size() - 1));
      s.put("rss_idle_mb_median", median(rss));
      s.put("rss_anon_mb_median", median(anon));
      s.put("runs", e.getValue());
      summary.add(s);
      System.out.printf(
          Locale.ROOT,
          "| %s | %d | %d | %d-%d | %d | %d |%n",
          e.getKey(),
          ready.size(),
          median(ready),
          ready.get(0),
          ready.get(ready.size() - 1),
          median(rss),
          median(anon));
    }
    out.put("variants", summary);
    System.out.println("load before: " + out.get("load_before"));
    System.out.println("load after:  " + out.get("load_after"));
    Files.writeString(result, BenchSupport.json(out), StandardCharsets.UTF_8);
    System.out.println("result: " + result);
  }

  private static long median(List<Long> sorted) {
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Starts one hub, times it to ready, idles, reads its RSS, stops it. */
  private Map<String, Object> start(Variant v, String tag, int idleS) throws Exception {
    int port = freePort();
    int mport = freePort();
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOpts);
    command.addAll(v.jvmOptions());
    command.add("-jar");
    command.add(v.dir().resolve("quarkus-run.jar").toAbsolutePath().toString());
    Path log = work.resolve("hub-" + tag + "-" + v.name().replaceAll("[^a-z0-9]+", "_") + ".log");
    ProcessBuilder pb =
        new ProcessBuilder(command)
            .directory(work.toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    Map<String, String> env = pb.environment();
    env.put("ECRHUB_SECRETS_MASTER_KEY", masterKey);
    env.put("ECRHUB_SECURITY_BOOTSTRAP_ADMIN_KEY", "startup-bench-admin-key-0123456789");
    env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
    env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
    env.put("QUARKUS_MANAGEMENT_PORT", Integer.toString(mport));
    env.putAll(dbEnv);
    URI ready = URI.create("http://127.0.0.1:" + mport + "/q/health/ready");
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      long readyMs = -1;
      long deadline = t0 + TimeUnit.MINUTES.toNanos(5);
      while (System.nanoTime() < deadline) {
        if (!p.isAlive()) {
          throw new IllegalStateException(
              v.name() + " exited with " + p.exitValue() + "; see " + log);
        }
        if (isReady(ready)) {
          readyMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - t0);
          break;
        }
        Thread.sleep(10);
      }
      if (readyMs < 0) {
        throw new IllegalStateException(v.name() + " not ready after 5 minutes; see " + log);
      }
      Thread.sleep(TimeUnit.SECONDS.toMillis(idleS));
      Map<String, Long> status = memory(p.pid());
      long rssMb = status.getOrDefault("VmRSS", -1L) / 1024;
      Matcher m = STARTED.matcher(Files.readString(log, StandardCharsets.UTF_8));
      Map<String, Object> one = new LinkedHashMap<>();
      one.put("ready_ms", readyMs);
      one.put("quarkus_started_in_s", m.find() ? m.group(1) : "?");
      one.put("rss_idle_mb", rssMb);
      // file-backed pages (jars, the mapped AOT cache: shared, clean, reclaimable) vs anonymous
      // (heap,
      // metaspace, code cache, thread stacks)
      one.put("rss_anon_mb", status.getOrDefault("RssAnon", -1L) / 1024);
      one.put("rss_file_mb", status.getOrDefault("RssFile", -1L) / 1024);
      return one;
    } finally {
      p.destroy();
      if (!p.waitFor(90, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  private boolean isReady(URI uri) {
    try {
      HttpResponse<Void> r =
          http.send(
              HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).GET().build(),
              HttpResponse.BodyHandlers.discarding());
      return r.statusCode() == 200;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** VmRSS, RssAnon, RssFile of {@code /proc/<pid>/status}, in kB. */
  private static Map<String, Long> memory(long pid) throws IOException {
    Map<String, Long> m = new LinkedHashMap<>();
    for (String line : Files.readAllLines(Path.of("/proc/" + pid + "/status"))) {
      for (String key : List.of("VmRSS", "RssAnon", "RssFile")) {
        if (line.startsWith(key + ":")) {
          m.put(key, Long.parseLong(line.replaceAll("[^0-9]", "")));
        }
      }
    }
    return m;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}

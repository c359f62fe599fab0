package io.ecrhub.app.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.ecrhub.simulator.SimulatorMain;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithName;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.Yaml;
import picocli.CommandLine;

/**
 * The deploy kit (deploy/) checked against the build it deploys, since no container runtime runs
 * here: the compose file and the Kubernetes manifests parse, set only environment variables the hub
 * reads, harden the hub's container and probe paths the packaged hub serves on its management port;
 * the Dockerfile copies what the build produces (and its context holds what it builds from); the
 * systemd unit carries its hardening and refuses a Java older than 21.
 */
class DeployKitIT {
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Path DEPLOY = ROOT.resolve("deploy");

  @TempDir Path work;

  @Test
  void compose_runsTheHubOnPostgresNextToTheSimulator_withVariablesTheHubReads() throws Exception {
    Map<String, Object> compose = yaml(DEPLOY.resolve("compose.yaml")).get(0);
    Map<String, Object> services = map(compose.get("services"));
    assertThat(services).containsKeys("postgres", "simulator", "hub");

    Map<String, Object> hub = map(services.get("hub"));
    Map<String, Object> env = map(hub.get("environment"));
    assertReadByTheHub(env.keySet(), "compose.yaml");
    assertThat(String.valueOf(env.get("ECRHUB_DB_URL"))).startsWith("jdbc:postgresql://postgres:");
    assertThat(map(hub.get("depends_on"))).containsKeys("postgres", "simulator");
    assertThat(hub.get("read_only")).isEqualTo(true);
    assertThat(map(hub.get("build")).get("target")).isEqualTo("hub");

    // the simulator's arguments are ones it takes, and its CA reaches the hub through one volume
    Map<String, Object> simulator = map(services.get("simulator"));
    List<String> args = strings(simulator.get("command"));
    new CommandLine(new SimulatorMain()).parseArgs(args.toArray(String[]::new));
    String caDir = option(args, "--ca-out");
    String volume = volumeAt(strings(simulator.get("volumes")), caDir);
    String hubCaDir = mountOf(strings(hub.get("volumes")), volume);
    assertThat(String.valueOf(env.get("ECRHUB_ECR_TRUST_EXTRA_CA_FILES")))
        .isEqualTo(hubCaDir + "/ecrhub-simulator-ca.pem");
    assertThat(String.valueOf(env.get("ECRHUB_NOTIFY_KEYS")))
        .isEqualTo(option(args, "--notify-key"));
  }

  @Test
  void kubernetes_hardensTheHub_probesItsManagementPort_andSetsVariablesTheHubReads()
      throws Exception {
    List<Map<String, Object>> docs = yaml(DEPLOY.resolve("kubernetes/ecrhub.yaml"));
    Map<String, Map<String, Object>> byKind = new HashMap<>();
    docs.forEach(d -> byKind.put(String.valueOf(d.get("kind")), d));
    assertThat(byKind)
        .containsKeys("Deployment", "Service", "PodDisruptionBudget", "NetworkPolicy");

    Map<String, Object> pod =
        map(map(map(byKind.get("Deployment").get("spec")).get("template")).get("spec"));
    assertThat(map(pod.get("securityContext"))).containsEntry("runAsNonRoot", true);
    Map<String, Object> container = map(list(pod.get("containers")).get(0));
    assertThat(map(container.get("securityContext")))
        .containsEntry("readOnlyRootFilesystem", true)
        .containsEntry("allowPrivilegeEscalation", false);
    assertThat(strings(map(map(container.get("securityContext")).get("capabilities")).get("drop")))
        .containsExactly("ALL");
    assertThat(map(container.get("resources"))).containsKeys("requests", "limits");

    List<String> names = new ArrayList<>();
    for (Object e : list(container.get("env"))) {
      Map<String, Object> var = map(e);
      names.add(String.valueOf(var.get("name")));
      if (var.containsKey("valueFrom") && map(var.get("valueFrom")).containsKey("secretKeyRef")) {
        assertThat(map(map(var.get("valueFrom")).get("secretKeyRef")))
            .containsEntry("name", "ecrhub");
      }
    }
    assertReadByTheHub(names, "kubernetes/ecrhub.yaml");
    assertThat(names).contains("ECRHUB_INSTANCE_ID", "QUARKUS_MANAGEMENT_HOST");

    // a rolling update never cuts a drain short (ADR 0024): the grace period covers the preStop
    // pause, the hub's drain bound and Quarkus's wait for HTTP requests
    long drain = seconds(env(container, "ECRHUB_SHUTDOWN_DRAIN", drainDefault()));
    long httpWait = seconds(appProperties().getProperty("quarkus.shutdown.timeout"));
    long preStop = 0;
    Map<String, Object> lifecycle = map(container.getOrDefault("lifecycle", Map.of()));
    if (lifecycle.containsKey("preStop")) {
      List<String> command = strings(map(map(lifecycle.get("preStop")).get("exec")).get("command"));
      assertThat(command.get(0)).as("a pause before SIGTERM").isEqualTo("sleep");
      preStop = Long.parseLong(command.get(1));
    }
    assertThat(((Number) pod.get("terminationGracePeriodSeconds")).longValue())
        .as(
            "terminationGracePeriodSeconds > preStop + ecrhub.shutdown.drain + quarkus.shutdown.timeout")
        .isGreaterThan(preStop + drain + httpWait);

    int management = -1;
    for (Object p : list(container.get("ports"))) {
      if ("management".equals(map(p).get("name"))) {
        management = ((Number) map(p).get("containerPort")).intValue();
      }
    }
    assertThat(management)
        .as("the management port is the hub's")
        .isEqualTo(Integer.parseInt(appProperties().getProperty("quarkus.management.port")));
    List<String> paths = new ArrayList<>();
    for (String probe : List.of("startupProbe", "readinessProbe", "livenessProbe")) {
      Map<String, Object> get = map(map(container.get(probe)).get("httpGet"));
      assertThat(get.get("port")).as(probe).isEqualTo("management");
      paths.add(String.valueOf(get.get("path")));
    }
    assertThat(
            strings(
                list(map(byKind.get("Service").get("spec")).get("ports")).stream()
                    .map(p -> String.valueOf(map(p).get("targetPort")))
                    .toList()))
        .containsExactly("http");

    // the packaged hub serves every probe path on its management interface
    try (HubProcess hub = HubProcess.start("deploy-kit", work, Map.of())) {
      for (String path : paths) {
        given().baseUri(hub.managementUri()).get(path).then().statusCode(200);
        given().baseUri(hub.baseUri()).get(path).then().statusCode(404);
      }
    }
  }

  @Test
  void dockerfile_copiesWhatTheBuildProduces_fromAContextThatHoldsItsSources() throws Exception {
    List<String> lines = Files.readAllLines(DEPLOY.resolve("container/Dockerfile"));
    List<String> ignored =
        Files.readAllLines(ROOT.resolve(".dockerignore")).stream()
            .map(String::trim)
            .filter(l -> !l.isEmpty() && !l.startsWith("#"))
            .toList();
    Pattern fromBuild = Pattern.compile("^COPY --from=build /build/(\\S+) (\\S+)$");
    Pattern copy = Pattern.compile("^COPY (?!--)(.+) (\\S+)$");
    Set<String> copiedPoms = new TreeSet<>();
    for (String line : lines) {
      Matcher m = fromBuild.matcher(line);
      if (m.matches()) {
        Path built = ROOT.resolve(m.group(1));
        assertThat(built).as("built by the reactor: " + line).exists();
        continue;
      }
      m = copy.matcher(line);
      if (m.matches()) {
        for (String src : m.group(1).trim().split("\\s+")) {
          assertThat(ROOT.resolve(src)).as("in the repository: " + line).exists();
          assertThat(ignoredByDocker(ignored, src)).as(".dockerignore keeps " + src).isFalse();
          if (src.endsWith("pom.xml")) {
            copiedPoms.add(src);
          }
        }
      }
    }
    // the reactor in the image reads every module's pom
    String parent = Files.readString(ROOT.resolve("pom.xml"));
    Matcher module = Pattern.compile("<module>([^<]+)</module>").matcher(parent);
    while (module.find()) {
      assertThat(copiedPoms).contains(module.group(1) + "/pom.xml");
    }
    assertThat(lines).anyMatch(l -> l.startsWith("USER 10001"));
    assertThat(lines).anyMatch(l -> l.startsWith("FROM eclipse-temurin:25-jre AS hub"));
    // the AOT cache (ADR 0029): trained by the -Paot build on the hub's own JRE image (a cache is
    // valid only on the JVM build that wrote it) in the directory the hub runs from (it holds that
    // path), the whole trained directory copied there, the cache used when present
    assertThat(lines)
        .as("the build stage is the hub's JRE image")
        .contains("FROM eclipse-temurin:25-jre AS build");
    String all = String.join("\n", lines);
    String hubDir = "/srv/ecrhub";
    assertThat(all)
        .contains("-Paot verify", "-Dhub.java=/opt/java/openjdk/bin/java", "-Daot.dir=" + hubDir);
    List<String> hubStage =
        lines.subList(lines.indexOf("FROM eclipse-temurin:25-jre AS hub"), lines.size());
    assertThat(hubStage).contains("WORKDIR " + hubDir, "COPY --from=build " + hubDir + "/ ./");
    String entrypoint =
        lines.stream().filter(l -> l.startsWith("ENTRYPOINT")).reduce((a, b) -> b).orElseThrow();
    assertThat(entrypoint)
        .contains("[ -f " + AotCacheTraining.CACHE + " ]")
        .contains("-XX:AOTCache=" + AotCacheTraining.CACHE)
        .contains("-jar quarkus-run.jar");
    assertThat(lines.stream().filter(l -> l.startsWith("FROM ")).reduce((a, b) -> b).orElseThrow())
        .as("the hub is the default target")
        .contains("AS hub");
  }

  /**
   * The README's production command runs the hub from the AOT cache the -Paot build writes (ADR
   * 0029), and says how to build it and what Java 21 uses instead.
   */
  @Test
  void readme_productionCommand_namesTheAotCacheTheBuildWrites() throws Exception {
    String readme = Files.readString(ROOT.resolve("README.md"));
    String production =
        readme
            .lines()
            .filter(l -> l.startsWith("| Production, PostgreSQL |"))
            .findFirst()
            .orElseThrow();
    assertThat(production)
        .contains("java -XX:AOTCache=" + AotCacheTraining.CACHE + " -jar quarkus-run.jar");
    assertThat(readme).contains("-Paot verify", "-XX:SharedArchiveFile=");
  }

  @Test
  void systemdUnit_isHardened_andRefusesAJavaOlderThan21() throws Exception {
    Map<String, List<String>> unit = new HashMap<>();
    for (String line : Files.readAllLines(DEPLOY.resolve("systemd/ecrhub.service"))) {
      int eq = line.indexOf('=');
      if (!line.startsWith("#") && eq > 0) {
        unit.computeIfAbsent(line.substring(0, eq), k -> new ArrayList<>())
            .add(line.substring(eq + 1));
      }
    }
    assertThat(unit.get("SupplementaryGroups")).containsExactly("dialout");
    assertThat(unit.get("CapabilityBoundingSet")).containsExactly("");
    assertThat(unit.get("NoNewPrivileges")).containsExactly("true");
    for (String k : List.of("ProtectKernelTunables", "ProtectKernelModules", "ProtectKernelLogs")) {
      assertThat(unit.get(k)).as(k).containsExactly("true");
    }
    assertThat(unit.get("RestrictAddressFamilies").get(0))
        .contains("AF_INET", "AF_INET6", "AF_UNIX");
    assertThat(unit.get("ExecStartPre")).containsExactly("/opt/ecrhub/check-java /usr/bin/java");

    Path check = DEPLOY.resolve("systemd/check-java");
    String thisJava = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    assertThat(run(check.toString(), thisJava)).as("this JVM (21 or newer)").isZero();
    Path java17 = fakeJava("17.0.15");
    assertThat(run(check.toString(), java17.toString())).as("a Java 17").isEqualTo(1);
    assertThat(run(check.toString(), fakeJava("21").toString())).as("a Java 21").isZero();
  }

  /**
   * Every variable is the environment form of a property the hub reads (ADR 0016 lists none other).
   */
  private static void assertReadByTheHub(Iterable<String> vars, String file) throws IOException {
    Set<String> known = new TreeSet<>();
    appProperties()
        .stringPropertyNames()
        .forEach(k -> known.add(env(k.replaceFirst("^%[^.]+\\.", ""))));
    for (Class<?> mapping : configMappings()) {
      collect(mapping.getAnnotation(ConfigMapping.class).prefix(), mapping, known);
    }
    for (String var : vars) {
      assertThat(known).as(file + ": " + var + " is read by the hub").contains(var);
    }
  }

  private static void collect(String prefix, Class<?> type, Set<String> into) {
    for (Method m : type.getMethods()) {
      if (m.getParameterCount() > 0 || Modifier.isStatic(m.getModifiers()) || m.isDefault()) {
        continue;
      }
      String name =
          m.isAnnotationPresent(WithName.class)
              ? m.getAnnotation(WithName.class).value()
              : m.getName().replaceAll("([a-z0-9])([A-Z])", "$1-$2").toLowerCase(Locale.ROOT);
      Class<?> r = m.getReturnType();
      if (r.isInterface() && r.getName().startsWith("io.ecrhub.")) {
        collect(prefix + "." + name, r, into);
      } else {
        into.add(env(prefix + "." + name));
      }
    }
  }

  private static List<Class<?>> configMappings() throws IOException {
    Path classes = Path.of("target/classes");
    List<Class<?>> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".class")).toList()) {
        String name =
            classes.relativize(f).toString().replace('/', '.').replaceAll("\\.class$", "");
        try {
          Class<?> c = Class.forName(name, false, DeployKitIT.class.getClassLoader());
          if (c.isAnnotationPresent(ConfigMapping.class)) {
            found.add(c);
          }
        } catch (ClassNotFoundException | LinkageError e) {
          // generated or optional classes: not configuration
        }
      }
    }
    assertThat(found).as("the hub's @ConfigMapping interfaces").isNotEmpty();
    return found;
  }

  private static String env(String property) {
    return property.replaceAll("[^A-Za-z0-9]", "_").toUpperCase(Locale.ROOT);
  }

  /** The value a container's environment gives {@code name}, else {@code fallback}. */
  private static String env(Map<String, Object> container, String name, String fallback) {
    for (Object e : list(container.get("env"))) {
      Map<String, Object> var = map(e);
      if (name.equals(var.get("name")) && var.get("value") != null) {
        return String.valueOf(var.get("value"));
      }
    }
    return fallback;
  }

  /** {@code ecrhub.shutdown.drain}'s default as HubConfig declares it. */
  private static String drainDefault() throws NoSuchMethodException {
    return io.ecrhub.app.config.HubConfig.Shutdown.class
        .getMethod("drain")
        .getAnnotation(io.smallrye.config.WithDefault.class)
        .value();
  }

  /** Whole seconds of a duration setting such as {@code 60s} or {@code 2m}. */
  private static long seconds(String duration) {
    Matcher m = Pattern.compile("(\\d+)([sm])").matcher(duration.trim());
    assertThat(m.matches()).as("a duration in s or m: " + duration).isTrue();
    long n = Long.parseLong(m.group(1));
    return "m".equals(m.group(2)) ? n * 60 : n;
  }

  private static Properties appProperties() throws IOException {
    Properties p = new Properties();
    try (InputStream in =
        Files.newInputStream(Path.of("src/main/resources/application.properties"))) {
      p.load(in);
    }
    return p;
  }

  /**
   * Whether .dockerignore leaves {@code src} out of the build context: as Docker reads it, the last
   * line that matches decides, and a line starting with {@code !} takes a path back in.
   */
  private static boolean ignoredByDocker(List<String> patterns, String src) {
    boolean ignored = false;
    for (String p : patterns) {
      boolean keep = p.startsWith("!");
      if (excludes(keep ? p.substring(1) : p, src)) {
        ignored = !keep;
      }
    }
    return ignored;
  }

  /** A .dockerignore line that excludes the given context path (the patterns this kit uses). */
  private static boolean excludes(String pattern, String src) {
    String p = pattern.endsWith("/") ? pattern.substring(0, pattern.length() - 1) : pattern;
    String s = src.endsWith("/") ? src.substring(0, src.length() - 1) : src;
    if (p.startsWith("**/")) {
      String tail = p.substring(3);
      return s.equals(tail) || s.endsWith("/" + tail) || s.contains("/" + tail + "/");
    }
    return s.equals(p) || s.startsWith(p + "/");
  }

  private Path fakeJava(String version) throws IOException {
    Path f = Files.createTempFile(work, "java-" + version, ".sh");
    Files.writeString(
        f,
        "#!/bin/sh\necho 'Property settings:' >&2\necho '    java.specification.version = "
            + version
            + "' >&2\n",
        StandardCharsets.UTF_8);
    f.toFile().setExecutable(true);
    return f;
  }

  private static int run(String... command) throws Exception {
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    return p.exitValue();
  }

  private static String option(List<String> args, String name) {
    return args.stream()
        .filter(a -> a.startsWith(name + "="))
        .map(a -> a.substring(name.length() + 1))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + name + " in " + args));
  }

  private static String volumeAt(List<String> volumes, String path) {
    return volumes.stream()
        .filter(v -> v.endsWith(":" + path))
        .map(v -> v.substring(0, v.indexOf(':')))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no volume at " + path + " in " + volumes));
  }

  private static String mountOf(List<String> volumes, String volume) {
    return volumes.stream()
        .filter(v -> v.startsWith(volume + ":"))
        .map(v -> v.split(":")[1])
        .findFirst()
        .orElseThrow(() -> new AssertionError("the hub does not mount " + volume));
  }

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> yaml(Path file) throws IOException {
    List<Map<String, Object>> docs = new ArrayList<>();
    for (Object doc : new Yaml().loadAll(Files.readString(file))) {
      if (doc != null) {
        docs.add((Map<String, Object>) doc);
      }
    }
    return docs;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  private static List<?> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<?>) o;
  }

  private static List<String> strings(Object o) {
    return list(o).stream().map(String::valueOf).toList();
  }
}

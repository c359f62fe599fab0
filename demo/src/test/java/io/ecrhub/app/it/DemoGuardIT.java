package io.ecrhub.app.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo build (ADR 0016) started as the README says ({@code java -jar
 * demo/target/quarkus-app/quarkus-run.jar}, which sets {@code ecrhub.demo=true} itself) in a fresh
 * directory: it registers its simulated terminals and one takes a payment over HTTPS with the demo
 * CA; demo mode cannot reach production (ADR 0010): its generated private keys are owner-only, each
 * start revokes the admin key the earlier one printed, and it refuses to start (one line, non-zero
 * exit) on a registry holding a terminal it did not register, and on PostgreSQL before touching the
 * database.
 *
 * <p>Demo mode runs on its own embedded H2 only: both passes of the suite (H2, PostgreSQL) start it
 * on an H2 file database in a fresh directory. The PostgreSQL refusal is checked against a database
 * that does not exist: the refusal must come before any connection.
 */
class DemoGuardIT {
  private static final Pattern KEY = Pattern.compile("Admin API key \\(shown once\\): (\\S+)");

  @TempDir Path work;

  @Test
  void demoKeysAreOwnerOnly_earlierKeysRevoked_andARealTerminalRefusesTheNextStart()
      throws Exception {
    String first;
    try (HubProcess demo = HubProcess.start("demo-1", work, demoEnv())) {
      first = printedKey(demo.output());
      assertThat(demo.output())
          .as("JVM warnings (e.g. sun.misc.Unsafe)")
          .noneMatch(l -> l.startsWith("WARNING:"));
      assertThat(status(demo, first)).isEqualTo(200);
      List<String> terminals =
          as(demo, first)
              .queryParam("storeId", "demo-store")
              .get("/api/v1/terminals")
              .then()
              .statusCode(200)
              .body("items", hasSize(2))
              .body("items[0].transport", equalTo("HTTPS"))
              .extract()
              .path("items.id");
      String payment =
          as(demo, first)
              .header("Idempotency-Key", "demo-it-1")
              .body(
                  Map.of(
                      "terminalId", terminals.get(0),
                      "amount", "10.50",
                      "currency", "HKD",
                      "channel", "card_payment"))
              .post("/api/v1/payments")
              .then()
              .statusCode(202)
              .extract()
              .path("id");
      Awaitility.await()
          .atMost(Duration.ofSeconds(60))
          .untilAsserted(
              () ->
                  as(demo, first)
                      .get("/api/v1/payments/" + payment)
                      .then()
                      .body("status", equalTo("SUCCEEDED")));
    }
    assertThat(work.resolve("data/demo-pki/ca.pem"))
        .as("the demo CA, kept for the next start")
        .exists();
    assertThat(Files.getFileStore(work).supportsFileAttributeView(PosixFileAttributeView.class))
        .as("a POSIX file system (the suite runs on Linux)")
        .isTrue();
    assertThat(permissions(work.resolve("data/master.key"))).isEqualTo("rw-------");
    assertThat(permissions(work.resolve("data/demo-pki/ca-key.pem"))).isEqualTo("rw-------");

    try (HubProcess demo = HubProcess.start("demo-2", work, demoEnv())) {
      String second = printedKey(demo.output());
      assertThat(second).isNotEqualTo(first);
      assertThat(status(demo, first)).as("the first start's key").isEqualTo(401);
      assertThat(status(demo, second)).isEqualTo(200);
      // an operator registers a terminal of their own next to the simulated ones
      Map<String, Object> body = new HashMap<>();
      body.put("name", "Counter 1");
      body.put("host", "127.0.0.1");
      body.put("port", 1);
      body.put("transport", "HTTPS");
      body.put("posKey", "a1b2c3d4e5f6a7b8c9d0e1f2a3b4c5d6");
      body.put("storeId", "shop-1");
      given()
          .baseUri(demo.baseUri())
          .header("Authorization", "Bearer " + second)
          .contentType(ContentType.JSON)
          .body(body)
          .post("/api/v1/terminals")
          .then()
          .statusCode(201);
    }

    HubProcess.Exited refused = HubProcess.runToExit("demo-3", work, demoEnv());
    assertThat(refused.exitCode()).isNotZero();
    assertThat(refused.text())
        .contains("ECR Hub refuses to start: demo mode (ecrhub.demo=true) on a database that holds")
        .contains("(127.0.0.1)")
        .doesNotContain("\tat ")
        .doesNotContain("Admin API key");
  }

  @Test
  void demoOnPostgres_isRefusedBeforeTheDatabaseIsTouched() throws Exception {
    Map<String, String> env = demoEnv();
    // a database that does not exist: a refusal after connecting would read differently
    env.put("ECRHUB_DB_URL", "jdbc:postgresql://127.0.0.1:5432/ecrhub_demo_guard_absent");
    env.put("ECRHUB_DB_USER", "postgres");
    env.put("ECRHUB_DB_PASSWORD", "secret-never-printed");

    HubProcess.Exited refused = HubProcess.runToExit("demo-pg", work, env);

    refused
        .assertRefused(
            "ECR Hub refuses to start: demo mode (ecrhub.demo=true) on a PostgreSQL database")
        .contains("jdbc:postgresql://127.0.0.1:5432/ecrhub_demo_guard_absent")
        .doesNotContain("secret-never-printed")
        .doesNotContain("ecrhub_demo_guard_absent\" does not exist");
  }

  /**
   * The demo build as the README starts it: no master key given (a key file is generated), demo
   * mode left to the build's own configuration.
   */
  private static Map<String, String> demoEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("ECRHUB_DEMO_MODE_CARD_WAIT", "0s");
    env.put("ECRHUB_SECRETS_MASTER_KEY", "");
    return env;
  }

  private static String printedKey(List<String> output) {
    return output.stream()
        .map(KEY::matcher)
        .filter(Matcher::find)
        .map(m -> m.group(1))
        .reduce((a, b) -> b)
        .orElseThrow(
            () -> new AssertionError("no demo key printed:\n" + String.join("\n", output)));
  }

  private static RequestSpecification as(HubProcess hub, String key) {
    return given()
        .baseUri(hub.baseUri())
        .header("Authorization", "Bearer " + key)
        .contentType(ContentType.JSON);
  }

  private static int status(HubProcess hub, String key) {
    return given()
        .baseUri(hub.baseUri())
        .header("Authorization", "Bearer " + key)
        .get("/api/v1/terminals")
        .then()
        .extract()
        .statusCode();
  }

  private static String permissions(Path file) throws java.io.IOException {
    return PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
  }
}

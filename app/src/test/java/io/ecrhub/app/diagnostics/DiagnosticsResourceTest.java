package io.ecrhub.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.support.Api;
import io.ecrhub.domain.testing.BlackHole;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The hub's diagnostics against the simulator: MMS import, run, drift to KEY_MISMATCH when the key
 * changes in "MMS", recovery after re-import, stored history and the fleet view; an address that
 * refuses connects and one that silently drops them ({@link BlackHole}: only the configured connect
 * timeout ends the check).
 */
@QuarkusTest
class DiagnosticsResourceTest {
  private static TerminalSimulator sim;
  private static SimulatedTerminal terminal;

  @Inject DiagnosticsConfig config;

  @BeforeAll
  static void start() {
    sim = TerminalSimulator.start(SimulatorConfig.single(TerminalConfig.builder("diag-1").build()));
    terminal = sim.terminal(0);
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  /** Imports the key from a POS Key List; a changed key is held for review, so approve it. */
  private static void importKey(String device, String key) {
    JsonPath report =
        Api.admin()
            .contentType("text/csv")
            .body("sn,pos key,https,encryption,ip\n" + device + "," + key + ",no,yes,127.0.0.1\n")
            .post("/api/v1/mms/imports?partial=true")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    if (report.getLong("held") > 0) {
      Api.admin()
          .post("/api/v1/mms/held/" + report.getString("syncId") + "/approve")
          .then()
          .statusCode(200);
    }
  }

  private static JsonPath diagnose(String id) {
    return Api.admin()
        .post("/api/v1/terminals/" + id + "/diagnostics")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static String status(JsonPath run, String check) {
    return run.getString("checks.find { it.id == '" + check + "' }.status");
  }

  @Test
  void keyChangedInMms_showsAsDrift_andClearsAfterReimport() {
    String device = Api.unique("DIAG");
    String id =
        Api.admin()
            .body(
                Map.of(
                    "name",
                    "Diag till",
                    "host",
                    "127.0.0.1",
                    "port",
                    terminal.httpPort(),
                    "transport",
                    "HTTP",
                    "posKey",
                    terminal.posKey(),
                    "deviceId",
                    device))
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    importKey(device, terminal.posKey());

    JsonPath healthy = diagnose(id);
    assertThat(status(healthy, "tcp_ecr_port")).isEqualTo("PASS");
    assertThat(status(healthy, "tls_handshake")).isEqualTo("PASS");
    assertThat(status(healthy, "ecr_key")).isEqualTo("PASS");
    assertThat(status(healthy, "app_logged_in")).isEqualTo("PASS");
    assertThat(status(healthy, "mms_https")).isEqualTo("WARN");
    assertThat(status(healthy, "ip_stability")).isEqualTo("PASS");
    assertThat(healthy.getString("overall")).isEqualTo("WARN");

    String original = terminal.posKey();
    String rotated = TerminalConfig.randomPosKey();
    terminal.changePosKey(rotated);
    try {
      JsonPath drifted = diagnose(id);
      assertThat(status(drifted, "ecr_key")).isEqualTo("FAIL");
      assertThat(drifted.getString("checks.find { it.id == 'ecr_key' }.fix"))
          .contains("POS Key List");
      Api.admin()
          .get("/api/v1/terminals/" + id)
          .then()
          .statusCode(200)
          .body("status", equalTo("KEY_MISMATCH"));
      assertThat(Api.admin().get("/api/v1/mms/audit?limit=100").asString())
          .contains("DRIFT")
          .doesNotContain(rotated)
          .doesNotContain(original);

      importKey(device, rotated);
      Api.admin()
          .get("/api/v1/terminals/" + id)
          .then()
          .statusCode(200)
          .body("status", equalTo("NEW"));
      assertThat(status(diagnose(id), "ecr_key")).isEqualTo("PASS");
      Api.admin().get("/api/v1/terminals/" + id).then().body("status", equalTo("ONLINE"));
    } finally {
      terminal.changePosKey(original);
    }

    List<String> overall =
        Api.admin()
            .get("/api/v1/terminals/" + id + "/diagnostics/history")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("overall", String.class);
    assertThat(overall).hasSize(3).containsExactly("WARN", "FAIL", "WARN");

    JsonPath fleet =
        Api.admin().get("/api/v1/diagnostics").then().statusCode(200).extract().jsonPath();
    assertThat(fleet.getString("terminalsByVerdict.find { it.terminalId == '" + id + "' }.overall"))
        .isEqualTo("WARN");
  }

  @Test
  void unreachableTerminal_failsFast_andBecomesUnreachable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    String id = Api.createTerminal(null);
    Api.admin()
        .body(Map.of("host", "localhost", "port", port))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200);
    JsonPath run = diagnose(id);
    assertThat(status(run, "tcp_ecr_port")).isEqualTo("FAIL");
    assertThat(status(run, "tls_handshake")).isEqualTo("SKIPPED");
    assertThat(status(run, "ecr_key")).isEqualTo("SKIPPED");
    Api.admin().get("/api/v1/terminals/" + id).then().body("status", equalTo("UNREACHABLE"));
    Api.admin().post("/api/v1/terminals/nope/diagnostics").then().statusCode(404);
  }

  @Test
  void blackHoledTerminal_failsOnTheConfiguredConnectTimeout_andBecomesUnreachable()
      throws Exception {
    try (BlackHole hole = BlackHole.open()) {
      String id = Api.createTerminal(null);
      Api.admin()
          .body(Map.of("host", hole.host(), "port", hole.port()))
          .patch("/api/v1/terminals/" + id)
          .then()
          .statusCode(200);
      JsonPath run = diagnose(id);
      assertThat(status(run, "tcp_ecr_port")).isEqualTo("FAIL");
      assertThat(run.getString("checks.find { it.id == 'tcp_ecr_port' }.evidence"))
          .isEqualTo(
              hole.host()
                  + ":"
                  + hole.port()
                  + ": connect timed out after "
                  + config.connectTimeout().toMillis()
                  + " ms");
      assertThat(run.getString("checks.find { it.id == 'tcp_ecr_port' }.fix"))
          .contains("IP is right")
          .contains("Wi-Fi client (AP) isolation")
          .contains("firewall");
      assertThat(status(run, "tls_handshake")).isEqualTo("SKIPPED");
      assertThat(status(run, "ecr_key")).isEqualTo("SKIPPED");
      assertThat(run.getString("overall")).isEqualTo("FAIL");
      Api.admin()
          .get("/api/v1/terminals/" + id)
          .then()
          .statusCode(200)
          .body("status", equalTo("UNREACHABLE"));
      assertThat(
              Api.admin()
                  .get("/api/v1/terminals/" + id + "/diagnostics/history")
                  .then()
                  .statusCode(200)
                  .extract()
                  .jsonPath()
                  .getList("overall", String.class))
          .containsExactly("FAIL");
    }
  }

  @Test
  void tcpTerminal_isCheckedOnItsRawPort_andOn9001() {
    String id =
        Api.registerTerminal("TCP till", "127.0.0.1", terminal.tcpPort(), "TCP", terminal.posKey());
    JsonPath run = diagnose(id);
    assertThat(status(run, "tcp_raw_port")).isEqualTo("PASS");
    assertThat(run.getString("checks.find { it.id == 'tcp_raw_port' }.evidence"))
        .contains("127.0.0.1:" + terminal.tcpPort());
    assertThat(status(run, "ecr_key")).isEqualTo("PASS");
    // this machine's 9001, not the simulator's: open or closed, it never fails a TCP terminal
    assertThat(run.getString("checks.find { it.id == 'tcp_ecr_port' }.evidence"))
        .contains("127.0.0.1:9001");
    assertThat(status(run, "tcp_ecr_port")).isIn("PASS", "WARN");
    Api.admin().get("/api/v1/terminals/" + id).then().body("status", equalTo("ONLINE"));
  }

  @Test
  void recordedAppVersion_isChecked_andOldAppWarnsOnHttp() {
    String id =
        Api.admin()
            .body(
                Map.of(
                    "name",
                    "Old app till",
                    "host",
                    "127.0.0.1",
                    "port",
                    terminal.httpPort(),
                    "transport",
                    "HTTP",
                    "posKey",
                    terminal.posKey(),
                    "appVersion",
                    "4.33.24"))
            .post("/api/v1/terminals")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    JsonPath old = diagnose(id);
    assertThat(status(old, "app_version")).isEqualTo("WARN");
    assertThat(old.getString("checks.find { it.id == 'app_version' }.evidence"))
        .contains("4.33.24")
        .contains("older than 4.34.12");

    Api.admin()
        .body(Map.of("appVersion", "4.34.12"))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200);
    assertThat(status(diagnose(id), "app_version")).isEqualTo("PASS");
  }

  /**
   * Running diagnostics talks to the terminal: admins only (in scope); the results are readable in
   * scope.
   */
  @Test
  void runningNeedsAnAdminInScope_resultsAreReadableInScope() {
    String store = Api.unique("s");
    String id = Api.createTerminal(store);
    String cashier = Api.createKey("cashier", Map.of("stores", List.of(store)));
    String otherAdmin = Api.createKey("admin", Map.of("stores", List.of(Api.unique("s"))));
    String path = "/api/v1/terminals/" + id + "/diagnostics";

    Api.as(cashier).post(path).then().statusCode(403).body("code", equalTo("ADMIN_REQUIRED"));
    Api.as(otherAdmin).post(path).then().statusCode(403).body("code", equalTo("OUT_OF_SCOPE"));
    Api.as(cashier).get(path).then().statusCode(org.hamcrest.Matchers.not(200)); // GET never runs
    Api.as(cashier).get(path + "/history").then().statusCode(200);
    Api.as(otherAdmin).get(path + "/history").then().statusCode(403);
    Api.as(otherAdmin)
        .get("/api/v1/diagnostics")
        .then()
        .statusCode(200)
        .body(
            "terminalsByVerdict.terminalId",
            org.hamcrest.Matchers.not(org.hamcrest.Matchers.hasItem(id)));
  }
}

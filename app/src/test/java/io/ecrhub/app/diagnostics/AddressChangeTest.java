package io.ecrhub.app.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.ecrhub.app.support.Api;
import io.ecrhub.simulator.SimulatedTerminal;
import io.ecrhub.simulator.SimulatorConfig;
import io.ecrhub.simulator.TerminalConfig;
import io.ecrhub.simulator.TerminalSimulator;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The IP history also learns of address changes made by an operator (PATCH) or by an MMS import, so
 * the IP-stability check warns right after a move and suggests a DHCP reservation. The addresses
 * are loopback ones nothing listens on: the other checks fail fast. The fix names the terminal's
 * MAC when the hub's neighbour table shows one for the address the terminal answered at (the test
 * profile reads {@code target/test-arp-table} in place of {@code /proc/net/arp}).
 */
@QuarkusTest
class AddressChangeTest {
  private static final String KEY = "0a1b2c3d4e5f60718293a4b5c6d7e8f9";
  private static final Path ARP_TABLE = Path.of("target/test-arp-table");
  private static TerminalSimulator sim;

  @BeforeAll
  static void start() {
    sim = TerminalSimulator.start(SimulatorConfig.single(TerminalConfig.builder("mac-1").build()));
  }

  @AfterAll
  static void stop() {
    sim.close();
  }

  private static String[] check(String terminalId) {
    JsonPath run =
        Api.admin()
            .post("/api/v1/terminals/" + terminalId + "/diagnostics")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    String find = "checks.find { it.id == 'ip_stability' }.";
    return new String[] {
      run.getString(find + "status"), run.getString(find + "evidence"), run.getString(find + "fix")
    };
  }

  @Test
  void patchingTheHost_makesTheStabilityCheckWarn_withADhcpReservationFix() {
    String id = Api.createTerminal(null);
    assertThat(check(id)[0]).isEqualTo("SKIPPED");

    Api.admin()
        .body(Map.of("host", "127.0.0.2", "port", 1))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200);

    String[] c = check(id);
    assertThat(c[0]).isEqualTo("WARN");
    assertThat(c[1]).contains("from 127.0.0.1 to 127.0.0.2");
    assertThat(c[2]).contains("DHCP").contains("MAC unknown (not on this LAN segment)");
  }

  @Test
  void terminalAnsweringOnTheHubsSegment_getsItsMacNamedInTheDhcpFix() throws Exception {
    SimulatedTerminal terminal = sim.terminal(0);
    String id =
        Api.registerTerminal(
            "MAC till", "localhost", terminal.httpPort(), "HTTP", terminal.posKey());
    Files.writeString(
        ARP_TABLE,
        """
        IP address       HW type     Flags       HW address            Mask     Device
        127.0.0.1        0x1         0x2         3C:5A:B4:0A:0B:0C     *        wlan0
        """);
    try {
      assertThat(check(id)[0]).isEqualTo("PASS");
      Api.admin()
          .body(Map.of("host", "127.0.0.1"))
          .patch("/api/v1/terminals/" + id)
          .then()
          .statusCode(200);

      String[] c = check(id);
      assertThat(c[0]).isEqualTo("WARN");
      assertThat(c[1]).contains("from localhost to 127.0.0.1");
      assertThat(c[2]).contains("DHCP").contains("The terminal's MAC is 3c:5a:b4:0a:0b:0c.");
    } finally {
      Files.deleteIfExists(ARP_TABLE);
    }
  }

  @Test
  void patchingOnlyTheName_recordsNoMove() {
    String id = Api.createTerminal(null);
    Api.admin()
        .body(Map.of("name", Api.unique("Renamed ")))
        .patch("/api/v1/terminals/" + id)
        .then()
        .statusCode(200);
    assertThat(check(id)[0]).isEqualTo("SKIPPED");
  }

  @Test
  void anMmsImportThatChangesTheIp_makesTheStabilityCheckWarn() {
    String device = Api.unique("IPMOVE");
    String header = "Serial No.,Device Name,POS-KEY,Enable Https,Encryption,IP Address\n";
    Api.admin()
        .contentType("text/csv")
        .body(header + device + ",Till," + KEY + ",no,on,127.0.0.3\n")
        .post("/api/v1/mms/imports?partial=true")
        .then()
        .statusCode(200);
    String id = device.toLowerCase(Locale.ROOT);

    String held =
        Api.admin()
            .contentType("text/csv")
            .body(header + device + ",Till," + KEY + ",no,on,127.0.0.4\n")
            .post("/api/v1/mms/imports?partial=true")
            .then()
            .statusCode(200)
            .body("held", equalTo(1)) // an IP change waits for review
            .extract()
            .path("syncId");
    Api.admin().post("/api/v1/mms/held/" + held + "/approve").then().statusCode(200);
    Api.admin().get("/api/v1/terminals/" + id).then().statusCode(200);

    String[] c = check(id);
    assertThat(c[0]).isEqualTo("WARN");
    assertThat(c[1]).contains("from 127.0.0.3 to 127.0.0.4");
    assertThat(c[2]).contains("DHCP");
  }
}
